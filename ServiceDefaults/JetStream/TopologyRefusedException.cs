namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>The server refused a JetStream API request of the topology: the connected user may not make it.</summary>
public sealed class TopologyRefusedException(string message, Exception? innerException = null)
    : Exception(message, innerException);
