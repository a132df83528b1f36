namespace FunctionsOrders.SystemHarness;

/// <summary>A service process ended before it answered its health check: its port was taken since it was probed, or it failed to start.</summary>
public sealed class ServiceExitedException : Exception
{
    public ServiceExitedException()
    {
    }

    public ServiceExitedException(string message)
        : base(message)
    {
    }

    public ServiceExitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
