using FunctionsOrders.FunctionsHost.Worker;

namespace FunctionsOrders.FunctionsHost.Functions;

/// <summary>The worker that serves invocations right now, if any.</summary>
internal sealed class FunctionCatalog
{
    private volatile WorkerChannel? _channel;

    /// <summary>The ready worker's channel; null while it starts, restarts or stops.</summary>
    public WorkerChannel? Channel => _channel;

    public void Ready(WorkerChannel channel) => _channel = channel;

    public void Unavailable() => _channel = null;
}
