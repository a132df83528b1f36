namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>The server holds a stream, bucket or consumer that cannot be brought to its definition without losing data.</summary>
public sealed class TopologyConflictException(string message, Exception? innerException = null)
    : Exception(message, innerException);
