using FunctionsOrders.FunctionsHost.App;
using FunctionsOrders.FunctionsHost.Functions;
using FunctionsOrders.FunctionsHost.Rpc;
using FunctionsOrders.FunctionsHost.Worker;
using Google.Protobuf.WellKnownTypes;
using Yarp.ReverseProxy.Forwarder;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>Runs one HTTP request as an invocation: keys, body limit, the call to the worker, timeout, response.</summary>
internal sealed class FunctionRequestHandler(
    FunctionApp app,
    FunctionCatalog catalog,
    InFlightTracker inFlight,
    KeyAuthorizer authorizer,
    RequestBodyReader bodyReader,
    WorkerForwarder forwarder,
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

        if (catalog.Worker is not { } worker)
        {
            return StatusCodes.Status503ServiceUnavailable;
        }

        var invocationId = Guid.NewGuid().ToString();
        var request = HttpInvocationMapper.ToInvocation(context, function, body, invocationId, forwarded: worker.HttpUri is not null);
        using var timeout = app.FunctionTimeout is { } limit ? new CancellationTokenSource(limit, time) : new CancellationTokenSource();
        var channel = worker.Channel;
        try
        {
            var reply = channel.RequestAsync(new StreamingMessage { RequestId = invocationId, InvocationRequest = request }, timeout.Token);

            // As the Functions host does, a client that goes away cancels the invocation: the function's cancellation
            // token fires. The host still waits for the worker's answer, and drops it.
            await using var cancelWhenGone = aborted.Register(() => Cancel(channel, invocationId));
            if (worker.HttpUri is { } httpUri && !reply.IsFaulted)
            {
                return await ForwardAsync(context, function, body, httpUri, channel, request, reply, timeout.Token);
            }

            var answer = await reply;
            if (aborted.IsCancellationRequested)
            {
                Log.InvocationClientGone(logger, function.Name, invocationId);
                return StatusCodes.Status499ClientClosedRequest;
            }

            return await WriteAsync(context, function, answer.InvocationResponse, aborted);
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

    /// <summary>
    /// ASP.NET Core integration: the request itself goes to the worker's HTTP server, which writes the response;
    /// the invocation's result says whether the function failed.
    /// </summary>
    private async Task<int> ForwardAsync(
        HttpContext context,
        HttpFunction function,
        byte[] body,
        Uri httpUri,
        WorkerChannel channel,
        InvocationRequest request,
        Task<StreamingMessage> reply,
        CancellationToken timeout)
    {
        // The body was read whole to check its size (and bind JSON properties): forward what was read.
        context.Request.Headers.TransferEncoding = default;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        WorkerForwarder.ForwardResult forwarded;
        try
        {
            forwarded = await forwarder.ForwardAsync(context, httpUri, request.InvocationId, request.TraceContext, reply, timeout);
        }
        catch
        {
            // The forwarder reports failures as errors, so this is not expected; the worker's half must not wait.
            Cancel(channel, request.InvocationId);
            _ = reply.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }

        // A request that did not reach the worker leaves its invocation waiting seconds for it: end that at once.
        var notDelivered = forwarded.Error is ForwarderError.Request or ForwarderError.RequestCreation or ForwarderError.RequestTimedOut
            && !context.RequestAborted.IsCancellationRequested
            && !timeout.IsCancellationRequested;
        if (notDelivered)
        {
            Log.ForwardingFailed(logger, function.Name, request.InvocationId, forwarded.Error.ToString(), forwarded.Exception);
            Cancel(channel, request.InvocationId);
        }

        // Awaited whatever became of the request: an invocation the worker runs holds the host until it ends.
        var result = (await reply).InvocationResponse;
        if (context.RequestAborted.IsCancellationRequested)
        {
            Log.InvocationClientGone(logger, function.Name, request.InvocationId);
            return StatusCodes.Status499ClientClosedRequest;
        }

        if (notDelivered)
        {
            return StatusCodes.Status502BadGateway;
        }

        if (result?.Result?.Status != StatusResult.Types.Status.Success)
        {
            var exception = result?.Result?.Exception;
            Log.InvocationFailed(logger, function.Name, request.InvocationId, exception?.Type ?? "", exception?.Message ?? "no response");
            return StatusCodes.Status500InternalServerError;
        }

        if (forwarded.Error != ForwarderError.None)
        {
            Log.ForwardingFailed(logger, function.Name, request.InvocationId, forwarded.Error.ToString(), forwarded.Exception);
            return StatusCodes.Status502BadGateway;
        }

        return context.Response.StatusCode;
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
