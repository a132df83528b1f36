namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The simulator's <c>GET /admin/stats</c>.</summary>
internal sealed record SimulatedStats(long ChargeRequests, long Charges, long SearchRequests, int IdempotencyKeys);
