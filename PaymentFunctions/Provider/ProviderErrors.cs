using Polly.Timeout;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>Which provider errors are worth another attempt, and count against the circuit breaker.</summary>
internal static class ProviderErrors
{
    public static bool IsTransient(Exception exception) => exception is
        TransientProviderStatusException or HttpRequestException or TimeoutRejectedException;

    public static bool IsTransientStatus(int statusCode) => statusCode is >= 500 or 408 or 429;
}
