using FunctionsOrders.FunctionsHost.Worker;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>Keeps the worker's gRPC service on the worker port and functions on the client port.</summary>
internal sealed class PortSeparationMiddleware(RequestDelegate next, HostEndpoints endpoints)
{
    private static readonly PathString RpcService = "/AzureFunctionsRpcMessages.FunctionRpc";

    public Task InvokeAsync(HttpContext context)
    {
        var onWorkerPort = context.Connection.LocalPort == endpoints.WorkerPort;
        if (onWorkerPort != context.Request.Path.StartsWithSegments(RpcService))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
