namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>A batch got no usable answer: timeout, refused connection, non-2xx status or an unreadable body.</summary>
internal sealed class DispatchFailedException(string reason, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Short machine-readable cause, used as a metric label.</summary>
    public string Reason { get; } = reason;
}
