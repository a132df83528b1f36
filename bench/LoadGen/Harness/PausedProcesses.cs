using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>
/// Processes stopped with SIGSTOP until disposed (SIGCONT), so the side of the step rounds that is not climbing costs
/// the machine nothing, not even its idle timers and telemetry exports. Only on Linux; elsewhere nothing is paused.
/// A process that has exited meanwhile is passed over.
/// </summary>
internal sealed class PausedProcesses : IDisposable
{
    private readonly List<int> _stopped = [];

    private PausedProcesses()
    {
    }

    /// <summary>Stops <paramref name="ids"/> and every child of each (a Functions host's worker).</summary>
    public static PausedProcesses Pause(IEnumerable<int> ids)
    {
        var paused = new PausedProcesses();
        if (!OperatingSystem.IsLinux())
        {
            return paused;
        }

        try
        {
            foreach (var id in ids.SelectMany(id => ChildProcesses.Of(id).Prepend(id)).Distinct())
            {
                if (ProcessSignals.Stop(id))
                {
                    paused._stopped.Add(id);
                }
            }
        }
        catch
        {
            paused.Dispose();
            throw;
        }

        return paused;
    }

    /// <summary>Lets every stopped process go on; one that exited meanwhile is passed over.</summary>
    public void Dispose()
    {
        foreach (var id in _stopped)
        {
            ProcessSignals.Continue(id);
        }

        _stopped.Clear();
    }
}
