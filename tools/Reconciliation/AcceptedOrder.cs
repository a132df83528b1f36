namespace FunctionsOrders.Reconciliation;

/// <summary>An order the system answered <c>202 Accepted</c> for, and the final status it should reach.</summary>
/// <param name="OrderId">The order id from the <c>202</c> answer.</param>
/// <param name="ExpectedStatus"><see cref="FinalStatuses.Paid"/>, <see cref="FinalStatuses.PaymentFailed"/>, or null for either.</param>
public sealed record AcceptedOrder(string OrderId, string? ExpectedStatus = null);
