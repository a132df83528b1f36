using FunctionsOrders.FunctionsHost.App;
using FunctionsOrders.FunctionsHost.Rpc;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>Init, metadata and load, in the order the real host runs them.</summary>
internal sealed class WorkerHandshake(ILogger<WorkerHandshake> logger)
{
    private const string HostVersion = "4.0.0-local";

    /// <summary>The capability a worker with ASP.NET Core integration sets to the address of its HTTP server.</summary>
    public const string HttpUriCapability = "HttpUri";

    /// <summary>Returns the functions the worker loaded (one that failed to load is logged and left out) and its HTTP server, if any.</summary>
    public async Task<WorkerStart> RunAsync(WorkerChannel channel, FunctionApp app, CancellationToken cancellationToken)
    {
        var init = await channel.RequestAsync(
            Message(m => m.WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = HostVersion,
                WorkerDirectory = app.Directory,
                FunctionAppDirectory = app.Directory,
            }),
            cancellationToken);
        EnsureSuccess(init.WorkerInitResponse?.Result, "WorkerInitRequest");
        var httpUri = HttpUri(init.WorkerInitResponse!.Capabilities);

        var metadata = await channel.RequestAsync(
            Message(m => m.FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = app.Directory }),
            cancellationToken);
        var response = metadata.FunctionMetadataResponse
            ?? throw new InvalidOperationException("The worker answered FunctionsMetadataRequest with " + metadata.ContentCase + ".");
        EnsureSuccess(response.Result, "FunctionsMetadataRequest");
        if (response.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException("The worker asks for host indexing, which this host does not do; build the app with worker indexing (Worker.Sdk 2.x).");
        }

        var loads = response.FunctionMetadataResults.Select(f => LoadAsync(channel, f, cancellationToken));
        var loaded = await Task.WhenAll(loads);
        return new WorkerStart([.. loaded.OfType<RpcFunctionMetadata>()], httpUri);
    }

    /// <summary>The worker's HTTP server from its <c>HttpUri</c> capability; null when it does not set one, as the Functions host reads it.</summary>
    internal static Uri? HttpUri(IDictionary<string, string> capabilities)
    {
        if (!capabilities.TryGetValue(HttpUriCapability, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp
            ? uri
            : throw new InvalidOperationException($"The worker advertised {HttpUriCapability} '{value}', which is not an absolute http URI.");
    }

    private async Task<RpcFunctionMetadata?> LoadAsync(WorkerChannel channel, RpcFunctionMetadata function, CancellationToken cancellationToken)
    {
        var reply = await channel.RequestAsync(
            Message(m => m.FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function }),
            cancellationToken);
        var result = reply.FunctionLoadResponse?.Result;
        if (result?.Status == StatusResult.Types.Status.Success)
        {
            return function;
        }

        Log.FunctionLoadFailed(logger, function.Name, result?.Exception?.Message ?? result?.Result ?? "no result");
        return null;
    }

    private static void EnsureSuccess(StatusResult? result, string request)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException(
                $"The worker failed {request}: {result?.Exception?.Message ?? result?.Result ?? "no result"}");
        }
    }

    private static StreamingMessage Message(Action<StreamingMessage> fill)
    {
        var message = new StreamingMessage { RequestId = Guid.NewGuid().ToString() };
        fill(message);
        return message;
    }
}
