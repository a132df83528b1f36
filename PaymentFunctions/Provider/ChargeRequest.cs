namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>Body of the provider's <c>POST /v1/charges</c>; <see cref="Amount"/> is in major units of <see cref="Currency"/>.</summary>
internal sealed record ChargeRequest(string OrderId, string CustomerId, decimal Amount, string Currency);
