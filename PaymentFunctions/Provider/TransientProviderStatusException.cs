namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>
/// An answer of the provider that may be different on retry (auth, routing, rate limit, server, unknown answers);
/// thrown inside the pipeline, which retries it and counts it against the circuit breaker.
/// </summary>
internal sealed class TransientProviderStatusException : Exception
{
    public TransientProviderStatusException()
    {
    }

    public TransientProviderStatusException(string message)
        : base(message)
    {
    }

    public TransientProviderStatusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int StatusCode { get; init; }

    public ProviderFailure Failure { get; init; } = ProviderFailure.Unavailable;
}
