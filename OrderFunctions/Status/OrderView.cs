namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>The body of <c>GET /api/orders/{orderId}</c>.</summary>
internal sealed record OrderView(
    string OrderId,
    string Status,
    string? FailureReason,
    MoneyView Total,
    DateTimeOffset? CreatedAt,
    DateTimeOffset UpdatedAt);
