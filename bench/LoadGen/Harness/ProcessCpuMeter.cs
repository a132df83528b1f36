using System.Diagnostics;
using System.Globalization;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>
/// CPU time (user + system) of the processes a run involves, read from <c>/proc/&lt;pid&gt;/stat</c>. Each process is
/// registered by name; its descendants count under a second name when one is given (a Functions host's worker
/// is its child), otherwise under the same name. Processes not registered, the load generator aside, are not counted.
/// </summary>
internal sealed class ProcessCpuMeter
{
    /// <summary>Linux reports utime and stime in USER_HZ ticks, 100 per second on every mainstream architecture.</summary>
    private const double TicksPerSecond = 100;

    private readonly List<(string Name, int Pid, string? ChildName)> _roots = [];

    public static bool IsSupported => OperatingSystem.IsLinux() && Directory.Exists("/proc");

    public ProcessCpuMeter Add(string name, int pid, string? childName = null)
    {
        _roots.Add((name, pid, childName));
        return this;
    }

    /// <summary>Registers every process of the system under test, a host's worker under the host's worker name.</summary>
    public ProcessCpuMeter Add(IEnumerable<SystemProcess> processes)
    {
        foreach (var process in processes)
        {
            Add(process.Name, process.Id, process.WorkerName);
        }

        return this;
    }

    /// <summary>CPU seconds so far of every registered process (and the load generator itself), by name.</summary>
    public CpuSnapshot Snapshot()
    {
        var processes = ReadAll();
        var seconds = new Dictionary<string, double> { ["load generator"] = CpuSeconds(processes, Environment.ProcessId) };
        var children = processes.Values.ToLookup(p => p.ParentId);
        foreach (var (name, pid, childName) in _roots)
        {
            Add(seconds, name, CpuSeconds(processes, pid));
            var pending = new Stack<int>(children[pid].Select(c => c.Id));
            while (pending.TryPop(out var child))
            {
                Add(seconds, childName ?? name, CpuSeconds(processes, child));
                foreach (var grandchild in children[child])
                {
                    pending.Push(grandchild.Id);
                }
            }
        }

        return new CpuSnapshot(Stopwatch.GetTimestamp(), seconds);
    }

    private static void Add(Dictionary<string, double> seconds, string name, double value) =>
        seconds[name] = seconds.GetValueOrDefault(name) + value;

    private static double CpuSeconds(Dictionary<int, ProcStat> processes, int pid) =>
        processes.TryGetValue(pid, out var stat) ? stat.Ticks / TicksPerSecond : 0;

    private static Dictionary<int, ProcStat> ReadAll()
    {
        var result = new Dictionary<int, ProcStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (Parse(pid, File.ReadAllText(Path.Combine(directory, "stat"))) is { } stat)
                {
                    result[pid] = stat;
                }
            }
            catch (IOException)
            {
                // The process ended between listing and reading.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return result;
    }

    /// <summary>
    /// Fields after the command name (which may hold spaces and parentheses, so everything up to the last ')' is
    /// skipped): state, ppid, ... utime is field 14 and stime field 15 of the whole line.
    /// </summary>
    internal static ProcStat? Parse(int pid, string line)
    {
        var end = line.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }

        var fields = line[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13
            || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent)
            || !long.TryParse(fields[11], NumberStyles.Integer, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.Integer, CultureInfo.InvariantCulture, out var system))
        {
            return null;
        }

        return new ProcStat(pid, parent, user + system);
    }

    internal sealed record ProcStat(int Id, int ParentId, long Ticks);
}

/// <summary>CPU seconds by process name at one moment.</summary>
internal sealed record CpuSnapshot(long Timestamp, IReadOnlyDictionary<string, double> Seconds)
{
    /// <summary>What each process used from this snapshot to <paramref name="later"/>, and per finished order.</summary>
    public CpuUsage Until(CpuSnapshot later, long orders)
    {
        var wall = Stopwatch.GetElapsedTime(Timestamp, later.Timestamp).TotalSeconds;
        var used = later.Seconds
            .Select(p => (Name: p.Key, Seconds: Math.Max(0, p.Value - Seconds.GetValueOrDefault(p.Key))))
            .OrderByDescending(p => p.Seconds)
            .ToList();
        var total = used.Sum(p => p.Seconds);
        return new CpuUsage
        {
            WallS = Math.Round(wall, 2),
            Orders = orders,
            CpuS = Math.Round(total, 2),
            CoresBusy = wall <= 0 ? 0 : Math.Round(total / wall, 2),
            CpuMsPerOrder = PerOrder(total, orders),
            SystemCpuMsPerOrder = PerOrder(used.Where(p => !CpuUsage.OutsideTheSystem.Contains(p.Name)).Sum(p => p.Seconds), orders),
            ByProcess = used.Select(p => new ProcessCpuUsage
            {
                Name = p.Name,
                CpuS = Math.Round(p.Seconds, 2),
                CpuMsPerOrder = PerOrder(p.Seconds, orders),
                Share = total <= 0 ? 0 : Math.Round(p.Seconds / total, 3),
            }).ToList(),
        };
    }

    private static double? PerOrder(double seconds, long orders) => orders <= 0 ? null : Math.Round(seconds * 1000 / orders, 2);
}

/// <summary>CPU used over one stretch of a run (the processes' user + system time), in all and by process.</summary>
internal sealed record CpuUsage
{
    public required double WallS { get; init; }

    /// <summary>Orders that reached their final status in that stretch; 0 for an idle measurement.</summary>
    public required long Orders { get; init; }

    public required double CpuS { get; init; }

    /// <summary>CPU seconds per wall second: 2.0 is both cores of a 2-core machine.</summary>
    public required double CoresBusy { get; init; }

    /// <summary>Every process measured, the load generator (and the telemetry receiver) included, as they share the cores.</summary>
    public required double? CpuMsPerOrder { get; init; }

    /// <summary>The system's processes alone: without the load generator and the telemetry receiver.</summary>
    public double? SystemCpuMsPerOrder { get; init; }

    public required IReadOnlyList<ProcessCpuUsage> ByProcess { get; init; }

    /// <summary>Processes measured because they share the cores, not part of the system.</summary>
    public static readonly IReadOnlySet<string> OutsideTheSystem = new HashSet<string>(StringComparer.Ordinal) { "load generator", OtlpReceiver.ProcessName };
}

/// <summary>One process's (or one group's) share of a <see cref="CpuUsage"/>.</summary>
internal sealed record ProcessCpuUsage
{
    public required string Name { get; init; }

    public required double CpuS { get; init; }

    public required double? CpuMsPerOrder { get; init; }

    /// <summary>Fraction of all the CPU measured.</summary>
    public required double Share { get; init; }
}
