namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>One entry of the simulator's <c>GET /v1/charges</c>.</summary>
internal sealed record SimulatedCharge(string Id, string OrderId, string CustomerId, decimal Amount, string Currency, string Status, string? Reason, DateTimeOffset CreatedAt);
