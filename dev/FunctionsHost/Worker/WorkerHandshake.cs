using FunctionsOrders.FunctionsHost.App;
using FunctionsOrders.FunctionsHost.Rpc;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>Init, metadata and load, in the order the real host runs them.</summary>
internal sealed class WorkerHandshake(ILogger<WorkerHandshake> logger)
{
    private const string HostVersion = "4.0.0-local";

    /// <summary>Returns the functions the worker loaded; a function that failed to load is logged and left out.</summary>
    public async Task<IReadOnlyList<RpcFunctionMetadata>> RunAsync(WorkerChannel channel, FunctionApp app, CancellationToken cancellationToken)
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
        return [.. loaded.OfType<RpcFunctionMetadata>()];
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
