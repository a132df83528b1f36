namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The simulator's answer to <c>GET /v1/charges/search</c>.</summary>
internal sealed record SimulatedSearch(IReadOnlyList<SimulatedCharge> Data);
