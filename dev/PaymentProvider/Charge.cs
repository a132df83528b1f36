namespace FunctionsOrders.PaymentProvider;

/// <summary>One charge the simulator made (or declined), as listed by <c>GET /v1/charges</c>.</summary>
internal sealed record Charge(
    string Id,
    string OrderId,
    string CustomerId,
    decimal Amount,
    string Currency,
    string Status,
    string? Reason,
    DateTimeOffset CreatedAt)
{
    public const string Succeeded = "succeeded";
    public const string Declined = "declined";
}
