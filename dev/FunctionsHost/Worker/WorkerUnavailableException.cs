namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>The worker is not connected, or its stream closed while a request waited for an answer.</summary>
internal sealed class WorkerUnavailableException : Exception
{
    public WorkerUnavailableException()
        : this("The worker is not available.")
    {
    }

    public WorkerUnavailableException(string message)
        : base(message)
    {
    }

    public WorkerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
