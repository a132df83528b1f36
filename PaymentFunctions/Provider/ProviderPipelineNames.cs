namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>Keys of the resilience pipelines this app registers.</summary>
internal static class ProviderPipelineNames
{
    /// <summary>Calls to the payment provider: total timeout, retry, circuit breaker, attempt timeout.</summary>
    public const string PaymentProvider = "payment-provider";
}
