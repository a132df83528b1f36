using FunctionsOrders.Contracts.Orders.V1;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>Checks that an <see cref="OrderCreated"/> can be charged; returns what is wrong, or nothing.</summary>
internal static class OrderValidator
{
    private const int MaxIdLength = 128;

    /// <summary>The earliest time Azure Table Storage stores (Azurite accepts earlier ones; the service does not).</summary>
    private static readonly DateTimeOffset EarliestStorable = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> Validate(OrderCreated order)
    {
        var errors = new List<string>();
        if (!IsKey(order.OrderId))
        {
            errors.Add("order_id must be 1..128 letters, digits, '-' or '_'.");
        }

        if (string.IsNullOrWhiteSpace(order.CustomerId))
        {
            errors.Add("customer_id is required.");
        }

        if (order.CreatedAt is { } createdAt && !IsConvertible(createdAt))
        {
            // Checked before charging: the ledger row needs it as a date, and failing after the charge would retry forever.
            errors.Add("created_at must be a time within years 1601 to 9999.");
        }

        if (order.Total is not { } total)
        {
            errors.Add("total is required.");
            return errors;
        }

        if (total.CurrencyCode is not { Length: 3 } code || !code.All(char.IsAsciiLetterUpper))
        {
            errors.Add("total.currency_code must be a three-letter upper-case ISO 4217 code.");
        }

        if (total.Units < 0 || total.Nanos is < 0 or > 999_999_999 || (total.Units == 0 && total.Nanos == 0))
        {
            errors.Add("total must be greater than zero, with nanos 0..999999999.");
        }

        return errors;
    }

    private static bool IsConvertible(Timestamp time)
    {
        try
        {
            return time.ToDateTimeOffset() >= EarliestStorable;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsKey(string value) =>
        value is { Length: > 0 and <= MaxIdLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
