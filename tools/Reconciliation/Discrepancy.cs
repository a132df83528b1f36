namespace FunctionsOrders.Reconciliation;

/// <summary>One thing that is not as it should be.</summary>
/// <param name="Kind">What is wrong; one of <see cref="DiscrepancyKinds"/>.</param>
/// <param name="OrderId">The order concerned, or null when it is not about one order (a consumer).</param>
/// <param name="Detail">What was found, for a person to read.</param>
public sealed record Discrepancy(string Kind, string? OrderId, string Detail);
