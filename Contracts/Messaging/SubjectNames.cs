namespace FunctionsOrders.Contracts.Messaging;

/// <summary>
/// The subjects the system publishes to. An optional prefix isolates one deployment (or one test) from another
/// on a shared server: with prefix <c>t1</c>, <c>orders.created.&lt;id&gt;</c> becomes <c>t1.orders.created.&lt;id&gt;</c>.
/// </summary>
public sealed class SubjectNames
{
    private readonly string _root;

    /// <summary>Creates the subject names for a prefix; empty means none.</summary>
    public SubjectNames(string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0)
        {
            EnsureToken(prefix, nameof(prefix));
        }

        _root = prefix.Length == 0 ? string.Empty : prefix + ".";
        OrdersAll = _root + "orders.>";
        OrderCreatedAll = _root + "orders.created.>";
        PaymentsAll = _root + "payments.>";
        PaymentProcessedAll = _root + "payments.processed.>";
        DeadLetterAll = _root + "deadletter.>";
    }

    /// <summary>Every subject of the ORDERS stream.</summary>
    public string OrdersAll { get; }

    /// <summary>Every <c>OrderCreated</c> event.</summary>
    public string OrderCreatedAll { get; }

    /// <summary>Every subject of the PAYMENTS stream.</summary>
    public string PaymentsAll { get; }

    /// <summary>Every <c>PaymentProcessed</c> event.</summary>
    public string PaymentProcessedAll { get; }

    /// <summary>Every subject of the DEADLETTER stream.</summary>
    public string DeadLetterAll { get; }

    /// <summary>Subject of the <c>OrderCreated</c> event of one order.</summary>
    public string OrderCreated(string orderId) => _root + "orders.created." + EnsureToken(orderId, nameof(orderId));

    /// <summary>Subject of the <c>PaymentProcessed</c> event of one order.</summary>
    public string PaymentProcessed(string orderId) => _root + "payments.processed." + EnsureToken(orderId, nameof(orderId));

    /// <summary>Subject that dead letters of one bridge route go to.</summary>
    public string DeadLetter(string route) => _root + "deadletter." + EnsureToken(route, nameof(route));

    /// <summary>The last token of a subject: the order id of an event subject.</summary>
    public static string LastToken(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var dot = subject.LastIndexOf('.');
        return dot < 0 ? subject : subject[(dot + 1)..];
    }

    private static string EnsureToken(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        foreach (var c in value)
        {
            if (c is '.' or '*' or '>' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException($"'{value}' is not a valid subject token: no '.', '*', '>', spaces or control characters.", name);
            }
        }

        return value;
    }
}
