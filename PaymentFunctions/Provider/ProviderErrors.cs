using Polly.Timeout;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>
/// Which provider errors are worth another attempt, and count against the circuit breaker: timeouts, connection
/// errors and the answers <see cref="ProviderAnswers"/> calls transient (409 included: providers answer it while a
/// request with the same idempotency key is still in progress).
/// </summary>
internal static class ProviderErrors
{
    public static bool IsTransient(Exception exception) => exception is
        TransientProviderStatusException or HttpRequestException or TimeoutRejectedException;
}
