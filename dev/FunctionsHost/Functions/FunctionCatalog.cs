using FunctionsOrders.FunctionsHost.Worker;

namespace FunctionsOrders.FunctionsHost.Functions;

/// <summary>The worker that serves invocations right now, if any.</summary>
internal sealed class FunctionCatalog
{
    private volatile ServingWorker? _worker;

    /// <summary>The ready worker; null while it starts, restarts or stops.</summary>
    public ServingWorker? Worker => _worker;

    public void Ready(ServingWorker worker) => _worker = worker;

    public void Unavailable() => _worker = null;
}
