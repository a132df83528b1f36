namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>A charge that got no final answer from the provider; trying later with the same idempotency key is safe.</summary>
internal sealed class PaymentProviderException : Exception
{
    public PaymentProviderException(ProviderFailure failure, string message, Exception? innerException = null, TimeSpan? retryAfter = null)
        : base(message, innerException)
    {
        Failure = failure;
        RetryAfter = retryAfter;
    }

    public PaymentProviderException()
        : this(ProviderFailure.Unavailable, "The payment provider is unavailable.")
    {
    }

    public PaymentProviderException(string message)
        : this(ProviderFailure.Unavailable, message)
    {
    }

    public PaymentProviderException(string message, Exception innerException)
        : this(ProviderFailure.Unavailable, message, innerException)
    {
    }

    public ProviderFailure Failure { get; }

    /// <summary>With <see cref="ProviderFailure.BreakerOpen"/>: the remaining break time, when known.</summary>
    public TimeSpan? RetryAfter { get; }
}
