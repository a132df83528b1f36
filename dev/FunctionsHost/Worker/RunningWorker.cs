namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>A started worker process and its event stream.</summary>
internal sealed record RunningWorker(WorkerProcess Process, WorkerChannel Channel) : IDisposable
{
    public void Dispose() => Process.Dispose();
}
