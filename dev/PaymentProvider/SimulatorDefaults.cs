namespace FunctionsOrders.PaymentProvider;

internal static class SimulatorDefaults
{
    /// <summary>Where the simulator listens unless <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) says otherwise.</summary>
    public const string Url = "http://127.0.0.1:7080";

    /// <summary>Customer ids with this prefix are always declined.</summary>
    public const string DeclinePrefix = "decline-";

    /// <summary>Reason given for a deterministic decline.</summary>
    public const string CardDeclined = "card_declined";

    /// <summary>Header that makes a charge idempotent; required.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Set on a response that repeats the first result for an idempotency key.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";
}
