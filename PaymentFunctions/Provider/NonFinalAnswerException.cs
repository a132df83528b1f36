namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>
/// An answer of a working provider that is no outcome of the charge yet (<see cref="ProviderFailure.Pending"/>,
/// <see cref="ProviderFailure.RequestRejected"/>): the pipeline neither retries it at once nor counts it against the
/// circuit breaker; a later delivery asks again.
/// </summary>
internal sealed class NonFinalAnswerException : Exception
{
    public NonFinalAnswerException()
    {
    }

    public NonFinalAnswerException(string message)
        : base(message)
    {
    }

    public NonFinalAnswerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int StatusCode { get; init; }

    public ProviderFailure Failure { get; init; } = ProviderFailure.Pending;
}
