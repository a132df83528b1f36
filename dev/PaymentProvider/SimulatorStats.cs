namespace FunctionsOrders.PaymentProvider;

/// <summary>
/// Body of <c>GET /admin/stats</c>: charge requests and searches received (faulted ones included), charges made,
/// and idempotency keys still remembered.
/// </summary>
internal sealed record SimulatorStats(long ChargeRequests, long Charges, long SearchRequests, int IdempotencyKeys);
