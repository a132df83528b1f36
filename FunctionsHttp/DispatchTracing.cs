using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;

namespace FunctionsOrders.FunctionsHttp;

/// <summary>
/// The consumer span of one dispatched message, parented on the trace context the bridge put in its headers, so the
/// work a function does for a message lands in that message's trace rather than in the batch's.
/// </summary>
public static class DispatchTracing
{
    public static Activity? StartProcess(ActivitySource source, DispatchBatch batch, DispatchMessage message)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(message);
        DistributedContextPropagator.Current.ExtractTraceIdAndState(message, static (carrier, name, out value, out values) =>
        {
            values = null;
            value = Header((DispatchMessage)carrier!, name);
        }, out var traceParent, out var traceState);
        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);

        var activity = source.StartActivity("process " + message.Subject, ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "nats");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", message.Subject);
            activity.SetTag("messaging.consumer.group.name", batch.Consumer);
            activity.SetTag("messaging.message.id", Header(message, MessageHeaders.MessageId));
            activity.SetTag("messaging.nats.stream.sequence", message.StreamSequence);
            activity.SetTag("messaging.nats.delivery_count", message.DeliveryCount);
        }

        return activity;
    }

    public static string? Header(DispatchMessage message, string name)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Headers.LastOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
    }
}
