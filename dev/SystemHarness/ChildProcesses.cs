using System.Globalization;

namespace FunctionsOrders.SystemHarness;

/// <summary>Child processes, from <c>/proc</c>.</summary>
public static class ChildProcesses
{
    /// <summary>The ids of the processes whose parent is <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> Of(int parent)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while the list was read.
            }
        }

        return children;
    }
}
