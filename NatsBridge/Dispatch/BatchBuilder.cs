using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.NatsBridge.Routing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>Builds the <c>bridge.v1</c> batch a function receives.</summary>
internal static class BatchBuilder
{
    /// <summary>
    /// One <see cref="DispatchMessage"/> per message, headers in wire order, except that <c>traceparent</c> and
    /// <c>tracestate</c> carry the bridge's span for that message, so the function continues the message's trace.
    /// </summary>
    public static DispatchBatch Build(
        BridgeRoute route, IReadOnlyList<INatsJSMsg<byte[]>> batch, IReadOnlyList<Activity?> messageActivities, IReadOnlyList<uint>? unanswered = null)
    {
        var request = new DispatchBatch
        {
            Route = route.Name,
            Stream = route.Stream,
            Consumer = route.Consumer,
            TimeBudget = Duration.FromTimeSpan(route.Options.TimeBudget()),
        };
        for (var i = 0; i < batch.Count; i++)
        {
            var message = ToDispatchMessage(batch[i], messageActivities[i]);
            message.UnansweredDispatches = unanswered?[i] ?? 0;
            request.Messages.Add(message);
        }

        return request;
    }

    private static DispatchMessage ToDispatchMessage(INatsJSMsg<byte[]> message, Activity? activity)
    {
        var metadata = message.Metadata!.Value;
        var item = new DispatchMessage
        {
            StreamSequence = metadata.Sequence.Stream,
            Subject = message.Subject,
            DeliveryCount = (uint)metadata.NumDelivered,
            Payload = message.Data is null ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(message.Data),
            PublishedAt = Timestamp.FromDateTimeOffset(metadata.Timestamp),
        };
        if (message.Headers is { } headers)
        {
            foreach (var (name, values) in headers)
            {
                if (activity is not null && name is MessageHeaders.TraceParent or MessageHeaders.TraceState)
                {
                    continue;
                }

                foreach (var value in values)
                {
                    item.Headers.Add(new Header { Name = name, Value = value ?? string.Empty });
                }
            }
        }

        if (activity is not null)
        {
            item.Headers.Add(new Header { Name = MessageHeaders.TraceParent, Value = activity.Id ?? string.Empty });
            if (!string.IsNullOrEmpty(activity.TraceStateString))
            {
                item.Headers.Add(new Header { Name = MessageHeaders.TraceState, Value = activity.TraceStateString });
            }
        }

        return item;
    }
}
