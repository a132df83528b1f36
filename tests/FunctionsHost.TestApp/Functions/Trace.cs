using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>Answers the trace id of the invocation's <see cref="Activity"/> and the trace context the host sent.</summary>
public static class Trace
{
    [Function(nameof(Trace))]
    public static object Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "trace")] HttpRequestData request, FunctionContext context) =>
        new
        {
            traceId = Activity.Current?.TraceId.ToString(),
            traceParent = context.TraceContext.TraceParent,
            traceState = context.TraceContext.TraceState,
        };
}
