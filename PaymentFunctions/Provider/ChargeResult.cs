using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>The final answer of the provider to a charge: succeeded, declined, or refused for good.</summary>
internal sealed record ChargeResult(PaymentStatus Status, string ChargeId, string Reason)
{
    /// <summary>Reason of a charge the provider refused with a non-retryable error other than a decline.</summary>
    public const string ProviderRejected = "provider_rejected";
}
