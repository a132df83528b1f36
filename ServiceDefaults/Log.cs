using FunctionsOrders.ServiceDefaults.JetStream;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.ServiceDefaults;

/// <summary>Log messages of the shared plumbing; event ids 1000–1099.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Warning, "NATS connection {ConnectionName} lost: {Reason}. Reconnecting.")]
    public static partial void NatsDisconnected(ILogger logger, string connectionName, string reason);

    [LoggerMessage(1001, LogLevel.Information, "NATS connection {ConnectionName} open: {Details}")]
    public static partial void NatsConnected(ILogger logger, string connectionName, string details);

    [LoggerMessage(1002, LogLevel.Warning, "NATS connection {ConnectionName} reconnect attempt failed: {Reason}")]
    public static partial void NatsReconnectFailed(ILogger logger, string connectionName, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "NATS connection {ConnectionName} dropped a message on {Subject} ({Pending} pending): slow consumer")]
    public static partial void NatsMessageDropped(ILogger logger, string connectionName, string subject, int pending);

    [LoggerMessage(1004, LogLevel.Warning, "NATS server error on connection {ConnectionName}: {Error}")]
    public static partial void NatsServerError(ILogger logger, string connectionName, string error);

    [LoggerMessage(1010, LogLevel.Warning, "Publish to {Subject} (msg id {MessageId}) attempt {Attempt} failed; retrying in {DelayMs} ms")]
    public static partial void PublishRetry(ILogger logger, string subject, string messageId, int attempt, double delayMs, Exception? exception);

    [LoggerMessage(1011, LogLevel.Warning, "Publish to {Subject} (msg id {MessageId}) failed: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string subject, string messageId, PublishFailureReason reason, Exception exception);

    [LoggerMessage(1021, LogLevel.Warning, "JetStream topology not checked yet; retrying in {DelayMs} ms")]
    public static partial void TopologyRetry(ILogger logger, double delayMs, Exception exception);

    [LoggerMessage(1022, LogLevel.Error, "JetStream topology conflicts with what the server holds; fix it by hand")]
    public static partial void TopologyConflict(ILogger logger, Exception exception);

    [LoggerMessage(1023, LogLevel.Error, "JetStream {Kind} {Name} is not as the topology defines it: {Action} {Differences}. Apply the topology with 'NatsBridge topology apply' (as the topology user); hosts do not change it")]
    public static partial void TopologyDrift(ILogger logger, string kind, string name, TopologyAction action, string differences);

    [LoggerMessage(1024, LogLevel.Information, "JetStream {Kind} {Name} is as the topology defines it")]
    public static partial void TopologyVerified(ILogger logger, string kind, string name);

    [LoggerMessage(1025, LogLevel.Warning, "JetStream is unavailable ({Reason}); trying {Kind} {Name} again in {DelayMs} ms")]
    public static partial void TopologyUnavailable(ILogger logger, string reason, string kind, string name, double delayMs);

    [LoggerMessage(1020, LogLevel.Information, "JetStream {Kind} {Name}: {Action} {Differences}")]
    public static partial void TopologyEnsured(ILogger logger, string kind, string name, TopologyAction action, string differences);
}
