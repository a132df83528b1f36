using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;

namespace FunctionsOrders.PaymentFunctions.Telemetry;

/// <summary>The app's activity source: a span per message (continuing the message's trace), per provider call and per ledger access.</summary>
internal static class PaymentTelemetry
{
    public const string Name = "FunctionsOrders.PaymentFunctions";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Starts the consumer span of one message, parented on the trace context in its headers.</summary>
    public static Activity? StartProcess(DispatchBatch batch, DispatchMessage message)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(message, static (carrier, name, out value, out values) =>
        {
            values = null;
            value = (carrier as DispatchMessage)?.Headers.LastOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
        }, out var traceParent, out var traceState);
        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);

        var activity = Source.StartActivity("process " + message.Subject, ActivityKind.Consumer, parent);
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

    public static Activity? StartProviderCall(string orderId)
    {
        var activity = Source.StartActivity("charge payment provider", ActivityKind.Client);
        activity?.SetTag("payments.order_id", orderId);
        return activity;
    }

    public static Activity? StartLedger(string operation, string table, string orderId)
    {
        var activity = Source.StartActivity(operation + " " + table, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", "azure.tables");
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.collection.name", table);
            activity.SetTag("payments.order_id", orderId);
        }

        return activity;
    }

    public static string? Header(DispatchMessage message, string name) =>
        message.Headers.LastOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}
