using System.Diagnostics;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.NatsBridge.Routing;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// Spans of the bridge: one per message in that message's own trace (parented on the context its headers carry),
/// which the function then continues, and one per batch dispatch. The dispatch span lives in the trace of the batch's
/// first message, under its message span, and links to every message's context: a batch makes no trace of its own,
/// so the traces a user sees are the orders' traces.
/// </summary>
internal static class BridgeTelemetry
{
    public const string ActivitySourceName = "FunctionsOrders.NatsBridge";
    public static readonly ActivitySource Source = new(ActivitySourceName);

    public static ActivityContext ContextOf(NatsHeaders? headers)
    {
        if (headers is null || !headers.TryGetValue(MessageHeaders.TraceParent, out var parent))
        {
            return default;
        }

        headers.TryGetValue(MessageHeaders.TraceState, out var state);
        return ActivityContext.TryParse(parent.ToString(), state.ToString(), isRemote: true, out var context) ? context : default;
    }

    public static Activity? StartMessage(BridgeRoute route, INatsJSMsg<byte[]> message)
    {
        var activity = Source.StartActivity("process " + route.Name, ActivityKind.Consumer, ContextOf(message.Headers));
        if (activity is { IsAllDataRequested: true })
        {
            var metadata = message.Metadata;
            activity.SetTag("messaging.system", "nats");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", message.Subject);
            activity.SetTag("messaging.consumer.group.name", route.Consumer);
            if (message.Headers is { } headers && headers.TryGetValue(MessageHeaders.MessageId, out var id))
            {
                activity.SetTag("messaging.message.id", id.ToString());
            }

            activity.SetTag("messaging.nats.stream.sequence", metadata?.Sequence.Stream);
            activity.SetTag("messaging.nats.delivery.count", metadata?.NumDelivered);
        }

        return activity;
    }

    /// <summary>
    /// The batch span, started while the message spans are current: the span of the batch's first message is its
    /// parent. When that message carries a trace that is not sampled, neither is the batch span; a batch whose first
    /// message carries no trace at all starts a trace of its own.
    /// </summary>
    public static Activity? StartDispatch(BridgeRoute route, IReadOnlyList<INatsJSMsg<byte[]>> batch, Activity? firstMessage)
    {
        var parent = firstMessage?.Context ?? (batch.Count > 0 ? ContextOf(batch[0].Headers) : default);
        var links = batch.Select(m => ContextOf(m.Headers)).Where(c => c != default).Select(c => new ActivityLink(c));
        var activity = Source.StartActivity(ActivityKind.Client, parent, links: links, name: "dispatch " + route.Name);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "nats");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.batch.message_count", batch.Count);
            activity.SetTag("messaging.consumer.group.name", route.Consumer);
            activity.SetTag("url.full", route.Options.Url);
        }

        return activity;
    }
}
