using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>The final answer of the provider to a charge: succeeded with its charge id, or declined with its reason.</summary>
internal sealed record ChargeResult(PaymentStatus Status, string ChargeId, string Reason);
