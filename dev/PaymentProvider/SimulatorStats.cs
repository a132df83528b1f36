namespace FunctionsOrders.PaymentProvider;

/// <summary>Body of <c>GET /admin/stats</c>: charge requests received (faulted ones included) and charges made.</summary>
internal sealed record SimulatorStats(long ChargeRequests, long Charges);
