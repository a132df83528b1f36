using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.FunctionsHttp;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.OrderFunctions.Telemetry;

/// <summary>The app's activity source: the intake span around validation and publish, and a span per projected event.</summary>
internal static class IntakeTelemetry
{
    public const string ActivitySourceName = "FunctionsOrders.OrderFunctions";
    private static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>
    /// Starts the intake span as a child of the invocation's trace context. Even with no listener (no telemetry
    /// configured) an activity carries that context, so the published event continues the caller's trace.
    /// </summary>
    public static Activity StartIntake(FunctionContext context)
    {
        ActivityContext.TryParse(context.TraceContext?.TraceParent, context.TraceContext?.TraceState, isRemote: true, out var parent);
        var activity = Source.StartActivity("order intake", ActivityKind.Server, parent);
        if (activity is not null)
        {
            return activity;
        }

        var fallback = new Activity("order intake");
        if (parent != default)
        {
            fallback.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        }

        return fallback.Start();
    }

    /// <summary>Starts the span of projecting one dispatched event, in that event's trace.</summary>
    public static Activity? StartProjection(DispatchBatch batch, DispatchMessage message) =>
        DispatchTracing.StartProcess(Source, batch, message);
}
