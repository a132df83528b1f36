using FunctionsOrders.FunctionsHost.Rpc;
using Grpc.Core;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>The gRPC side of the host: the worker connects here and opens its event stream with StartStream.</summary>
internal sealed class FunctionRpcService(WorkerConnector connector, ILogger<FunctionRpcService> logger) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream,
        IServerStreamWriter<StreamingMessage> responseStream,
        ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken))
        {
            return;
        }

        var first = requestStream.Current;
        var workerId = first.StartStream?.WorkerId ?? "";
        if (first.ContentCase != StreamingMessage.ContentOneofCase.StartStream
            || !connector.TryTake(workerId, out var channel) || channel is null)
        {
            Log.UnknownWorker(logger, first.ContentCase.ToString(), workerId);
            return;
        }

        Log.WorkerConnected(logger, workerId);
        await channel.RunAsync(requestStream, responseStream, context.CancellationToken);
    }
}
