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

    /// <summary>
    /// Starts the client span of a ledger access (<c>read</c> or <c>insert</c>), as a child of <paramref name="parent"/>
    /// when given (the message's span, for a row written in a transaction with others) and of the current span otherwise.
    /// </summary>
    public static Activity? StartLedger(string operation, string table, string orderId, Activity? parent = null, int batchSize = 0)
    {
        var activity = parent is null
            ? Source.StartActivity(operation + " " + table, ActivityKind.Client)
            : Source.StartActivity(operation + " " + table, ActivityKind.Client, parent.Context);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", "azure.tables");
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.collection.name", table);
            activity.SetTag("payments.order_id", orderId);
            if (batchSize > 1)
            {
                activity.SetTag("db.operation.batch.size", batchSize);
            }
        }

        return activity;
    }

    public static string? Header(DispatchMessage message, string name) => DispatchTracing.Header(message, name);
}
