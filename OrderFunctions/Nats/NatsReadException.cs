namespace FunctionsOrders.OrderFunctions.Nats;

/// <summary>A read on NATS that got no answer within <c>Orders:ReadDeadline</c>, or failed because NATS is unreachable.</summary>
internal sealed class NatsReadException(string message, Exception? innerException = null) : Exception(message, innerException);
