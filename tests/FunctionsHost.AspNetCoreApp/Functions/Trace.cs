using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>
/// Answers the trace id of the invocation's <see cref="Activity"/> and the trace context the host sent, and (only in
/// this build) the <c>traceparent</c> of the forwarded request.
/// </summary>
public static class Trace
{
    [Function(nameof(Trace))]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "trace")] HttpRequest request, FunctionContext context) =>
        Answer.Json(new
        {
            traceId = Activity.Current?.TraceId.ToString(),
            traceParent = context.TraceContext.TraceParent,
            traceState = context.TraceContext.TraceState,
            forwardedTraceParent = request.Headers.TraceParent.ToString(),
        });
}
