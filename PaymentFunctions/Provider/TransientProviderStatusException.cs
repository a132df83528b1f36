namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>An HTTP status from the provider that may succeed on retry (5xx, 408, 409, 429); thrown inside the pipeline.</summary>
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
}
