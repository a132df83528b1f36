namespace FunctionsOrders.SystemHarness;

/// <summary>The payment simulator's <c>GET /admin/stats</c>: charge requests, charges, searches, idempotency keys still remembered.</summary>
public sealed record ProviderStats(long ChargeRequests, long Charges, long SearchRequests, int IdempotencyKeys);
