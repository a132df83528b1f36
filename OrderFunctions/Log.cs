using Microsoft.Extensions.Logging;

namespace FunctionsOrders.OrderFunctions;

/// <summary>Log messages of OrderFunctions; event ids 5000–5099.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Error, "Projecting message {StreamSequence} on {Subject} failed unexpectedly; it will be retried")]
    public static partial void ProjectionFailed(ILogger logger, string subject, ulong streamSequence, Exception exception);

    [LoggerMessage(5001, LogLevel.Warning, "Reading order {OrderId} from NATS failed: {Reason}; answering 503")]
    public static partial void OrderReadFailed(ILogger logger, string orderId, string reason, Exception? exception);
}
