using Polly.Timeout;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>Which provider errors are worth another attempt, and count against the circuit breaker.</summary>
internal static class ProviderErrors
{
    public static bool IsTransient(Exception exception) => exception is
        TransientProviderStatusException or HttpRequestException or TimeoutRejectedException;

    // 409: providers answer it while a request with the same idempotency key is still in progress.
    public static bool IsTransientStatus(int statusCode) => statusCode is >= 500 or 408 or 409 or 429;
}
