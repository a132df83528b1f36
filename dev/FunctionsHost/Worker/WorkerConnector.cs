using System.Collections.Concurrent;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>Hands an incoming event stream to the channel of the worker that was started with its id.</summary>
internal sealed class WorkerConnector
{
    private readonly ConcurrentDictionary<string, WorkerChannel> _expected = new(StringComparer.Ordinal);

    public void Expect(WorkerChannel channel) => _expected[channel.WorkerId] = channel;

    public void Forget(WorkerChannel channel) => _expected.TryRemove(channel.WorkerId, out _);

    public bool TryTake(string workerId, out WorkerChannel? channel) => _expected.TryRemove(workerId, out channel);
}
