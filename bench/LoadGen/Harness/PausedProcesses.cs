using System.Diagnostics;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>
/// Processes stopped with SIGSTOP until disposed (SIGCONT), so the side of the step rounds that is not climbing costs
/// the machine nothing, not even its idle timers and telemetry exports. Only on Linux; elsewhere nothing is paused.
/// </summary>
internal sealed class PausedProcesses : IDisposable
{
    private readonly IReadOnlyList<int> _ids;

    private PausedProcesses(IReadOnlyList<int> ids) => _ids = ids;

    /// <summary>Stops <paramref name="ids"/> and every child of each (a Functions host's worker).</summary>
    public static PausedProcesses Pause(IEnumerable<int> ids)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new PausedProcesses([]);
        }

        var all = ids.SelectMany(id => ChildProcesses.Of(id).Prepend(id)).Distinct().ToList();
        Signal("STOP", all);
        return new PausedProcesses(all);
    }

    public void Dispose() => Signal("CONT", _ids);

    private static void Signal(string signal, IReadOnlyList<int> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var start = new ProcessStartInfo("kill") { RedirectStandardError = true };
        start.ArgumentList.Add($"-{signal}");
        foreach (var id in ids)
        {
            start.ArgumentList.Add(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var kill = Process.Start(start) ?? throw new InvalidOperationException("kill could not be started.");
        var error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {string.Join(' ', ids)} failed ({kill.ExitCode}): {error.Trim()}");
        }
    }
}
