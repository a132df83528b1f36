using System.Globalization;

namespace FunctionsOrders.HostOverhead;

/// <summary>User and system CPU time of a process and of its descendants, read from <c>/proc</c> (Linux).</summary>
internal static class ProcessTreeCpu
{
    /// <summary>CPU time of the process itself and, apart, of all its descendants together.</summary>
    public readonly record struct Split(TimeSpan Root, TimeSpan Descendants)
    {
        public TimeSpan Total => Root + Descendants;

        public static Split operator -(Split after, Split before) => new(after.Root - before.Root, after.Descendants - before.Descendants);
    }

    // /proc/<pid>/stat counts in clock ticks; USER_HZ is 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public static Split Of(int rootId)
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Read(id) is { } stat)
            {
                stats[id] = stat;
            }
        }

        var root = stats.TryGetValue(rootId, out var rootStat) ? rootStat.Ticks : 0L;
        var total = 0L;
        var pending = new Stack<int>([rootId]);
        while (pending.TryPop(out var id))
        {
            if (stats.TryGetValue(id, out var stat))
            {
                total += stat.Ticks;
            }

            foreach (var (child, childStat) in stats)
            {
                if (childStat.Parent == id)
                {
                    pending.Push(child);
                }
            }
        }

        return new Split(TimeSpan.FromSeconds(root / TicksPerSecond), TimeSpan.FromSeconds((total - root) / TicksPerSecond));
    }

    private static (int Parent, long Ticks)? Read(int id)
    {
        try
        {
            // The command name in parentheses may hold spaces: fields are counted after its closing parenthesis.
            var text = File.ReadAllText($"/proc/{id}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (parent, ticks);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // Gone meanwhile, or not ours to read.
        }
    }
}
