using System.Collections.Concurrent;
using System.Threading.Channels;
using FunctionsOrders.FunctionsHost.Rpc;
using Grpc.Core;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>
/// One worker's event stream: writes go through a single queue (gRPC allows one pending write), replies are
/// matched to their request by <c>request_id</c>, which the worker copies into every reply.
/// </summary>
internal sealed class WorkerChannel(string workerId, WorkerLogForwarder logs)
{
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);
    private readonly Channel<StreamingMessage> _outbound =
        Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();

    public string WorkerId { get; } = workerId;

    /// <summary>Completes when the worker opened its stream with StartStream.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes when the stream ended, from either side.</summary>
    public Task Closed => _closed.Task;

    public int PendingCount => _pending.Count;

    /// <summary>Sends <paramref name="message"/> and waits for the reply carrying its request id.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(message.RequestId, reply))
        {
            throw new InvalidOperationException($"Request id {message.RequestId} is already waiting for a reply.");
        }

        if (_closed.Task.IsCompleted || !_outbound.Writer.TryWrite(message))
        {
            _pending.TryRemove(message.RequestId, out _);
            throw new WorkerUnavailableException();
        }

        await using var registration = cancellationToken.Register(() =>
        {
            if (_pending.TryRemove(message.RequestId, out var waiting))
            {
                waiting.TrySetCanceled(cancellationToken);
            }
        });
        return await reply.Task;
    }

    /// <summary>Sends a message that needs no reply; false when the stream is closed.</summary>
    public bool Post(StreamingMessage message) => _outbound.Writer.TryWrite(message);

    /// <summary>Runs the stream after its StartStream arrived, until either side ends it.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> input, IServerStreamWriter<StreamingMessage> output, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        _connected.TrySetResult();
        var writing = WriteAllAsync(output, linked.Token);
        try
        {
            while (await input.MoveNext(linked.Token))
            {
                Dispatch(input.Current);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException or InvalidOperationException)
        {
            // The worker went away or the host closed the stream: both end the channel below.
        }
        finally
        {
            Close();
            await writing;
        }
    }

    /// <summary>Ends the stream; every request still waiting fails with <see cref="WorkerUnavailableException"/>.</summary>
    public void Close()
    {
        _outbound.Writer.TryComplete();
        _closed.TrySetResult();
        _connected.TrySetException(new WorkerUnavailableException("The worker never opened its stream."));
        _stop.Cancel();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var waiting))
            {
                waiting.TrySetException(new WorkerUnavailableException("The worker stream closed before the reply."));
            }
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
        {
            logs.Forward(message.RpcLog);
            return;
        }

        var id = message.ContentCase == StreamingMessage.ContentOneofCase.InvocationResponse && message.RequestId.Length == 0
            ? message.InvocationResponse.InvocationId
            : message.RequestId;
        if (_pending.TryRemove(id, out var waiting))
        {
            waiting.TrySetResult(message);
        }
        else
        {
            logs.Unmatched(message.ContentCase.ToString(), id);
        }
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> output, CancellationToken cancellationToken)
    {
        try
        {
            // Under load many messages wait at once: all but the last of a burst are written without a flush, so
            // a burst costs one send instead of one per message.
            var reader = _outbound.Reader;
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                var current = reader.TryRead(out var first) ? first : null;
                while (current is not null)
                {
                    var next = reader.TryRead(out var queued) ? queued : null;
                    output.WriteOptions = next is null ? null : Buffered;
                    await output.WriteAsync(current, cancellationToken);
                    current = next;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException or InvalidOperationException)
        {
            Close();
        }
    }
}
