using FunctionsOrders.FunctionsHost.App;
using FunctionsOrders.FunctionsHost.Functions;
using FunctionsOrders.FunctionsHost.Rpc;
using FunctionsOrders.FunctionsHost.Worker;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>Runs one HTTP request as an invocation: keys, body limit, the call to the worker, timeout, response.</summary>
internal sealed class FunctionRequestHandler(
    FunctionApp app,
    FunctionCatalog catalog,
    InFlightTracker inFlight,
    KeyAuthorizer authorizer,
    RequestBodyReader bodyReader,
    TimeProvider time,
    ILogger<FunctionRequestHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var function = context.GetEndpoint()?.Metadata.GetMetadata<HttpFunction>()
            ?? throw new InvalidOperationException("The endpoint carries no function.");
        if (!inFlight.TryEnter())
        {
            context.Response.Headers.Connection = "close";
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        try
        {
            var status = await InvokeAsync(context, function);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = status;
            }
        }
        finally
        {
            inFlight.Exit();
        }
    }

    /// <summary>Returns the status code to set when the response was not written.</summary>
    private async Task<int> InvokeAsync(HttpContext context, HttpFunction function)
    {
        if (!authorizer.IsAuthorized(context.Request, function.AuthLevel))
        {
            return StatusCodes.Status401Unauthorized;
        }

        var aborted = context.RequestAborted;
        var body = await bodyReader.ReadAsync(context, aborted);
        if (body is null)
        {
            return StatusCodes.Status413PayloadTooLarge;
        }

        if (catalog.Channel is not { } channel)
        {
            return StatusCodes.Status503ServiceUnavailable;
        }

        var invocationId = Guid.NewGuid().ToString();
        var request = HttpInvocationMapper.ToInvocation(context, function, body, invocationId);
        using var timeout = app.FunctionTimeout is { } limit ? new CancellationTokenSource(limit, time) : new CancellationTokenSource();
        try
        {
            // As the Functions host does, a client that goes away does not cancel an invocation the worker already
            // runs: it runs to its end (or the function timeout) and its answer is dropped.
            var reply = await channel.RequestAsync(new StreamingMessage { RequestId = invocationId, InvocationRequest = request }, timeout.Token);
            if (aborted.IsCancellationRequested)
            {
                Log.InvocationClientGone(logger, function.Name, invocationId);
                return StatusCodes.Status499ClientClosedRequest;
            }

            return await WriteAsync(context, function, reply.InvocationResponse, aborted);
        }
        catch (WorkerUnavailableException)
        {
            Log.InvocationWorkerGone(logger, function.Name, invocationId);
            return StatusCodes.Status503ServiceUnavailable;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Cancel(channel, invocationId);
            Log.InvocationTimedOut(logger, function.Name, invocationId, app.FunctionTimeout ?? TimeSpan.Zero);
            return StatusCodes.Status504GatewayTimeout;
        }
    }

    private async Task<int> WriteAsync(HttpContext context, HttpFunction function, InvocationResponse? reply, CancellationToken cancellationToken)
    {
        if (reply is not null && await InvocationResponseWriter.WriteAsync(context.Response, reply, cancellationToken))
        {
            return context.Response.StatusCode;
        }

        var exception = reply?.Result?.Exception;
        Log.InvocationFailed(logger, function.Name, reply?.InvocationId ?? "", exception?.Type ?? "", exception?.Message ?? "no response");
        return StatusCodes.Status500InternalServerError;
    }

    private static void Cancel(WorkerChannel channel, string invocationId) =>
        channel.Post(new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            InvocationCancel = new InvocationCancel { InvocationId = invocationId, GracePeriod = new Duration() },
        });
}
