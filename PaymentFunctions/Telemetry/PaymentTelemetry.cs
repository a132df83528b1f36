using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.FunctionsHttp;

namespace FunctionsOrders.PaymentFunctions.Telemetry;

/// <summary>The app's activity source: a span per message (continuing the message's trace), per provider call and per ledger access.</summary>
internal static class PaymentTelemetry
{
    public const string Name = "FunctionsOrders.PaymentFunctions";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Starts the consumer span of one message, parented on the trace context in its headers.</summary>
    public static Activity? StartProcess(DispatchBatch batch, DispatchMessage message) =>
        DispatchTracing.StartProcess(Source, batch, message);

    /// <summary>Starts the client span of a provider call: <c>charge payment provider</c> or <c>search payment provider</c>.</summary>
    public static Activity? StartProviderCall(string operation, string orderId)
    {
        var activity = Source.StartActivity(operation + " payment provider", ActivityKind.Client);
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

    public static string? Header(DispatchMessage message, string name) => DispatchTracing.Header(message, name);
}
