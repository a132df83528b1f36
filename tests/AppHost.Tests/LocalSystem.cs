using System.Net.Sockets;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.AppHost.Tests;

/// <summary>The fixed loopback ports and URLs of a local run, and the AppHost's build output.</summary>
internal static class LocalSystem
{
    public static readonly int[] Ports = [4222, 8222, 10000, 10001, 10002, 7071, 7072, 7080, 7090, 18887, 18888, 18889];

    public static readonly string[] HealthUrls =
    [
        "http://127.0.0.1:7071/api/health",
        "http://127.0.0.1:7072/api/health",
        "http://127.0.0.1:7090/healthz",
        "http://127.0.0.1:7080/health",
        "http://127.0.0.1:8222/healthz",
        "http://127.0.0.1:18888/",
    ];

    public static string AppHostDll
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            return Path.Combine(RepoPaths.Root, "dev", "AppHost", "bin", configuration, "net10.0", "FunctionsOrders.AppHost.dll");
        }
    }

    public static int[] Listening() => Ports.Where(IsListening).ToArray();

    /// <summary>
    /// The orchestrator's processes: those started to watch <paramref name="pid"/> (<c>--monitor pid</c>), and
    /// those that watch them in turn.
    /// </summary>
    public static HashSet<int> Orchestrator(int pid)
    {
        var found = new HashSet<int>();
        var pending = new Queue<int>([pid]);
        var commandLines = Directory.EnumerateDirectories("/proc")
            .Select(directory => (Pid: int.TryParse(Path.GetFileName(directory), out var id) ? id : 0, CommandLine: ReadCommandLine(directory)))
            .Where(process => process.Pid > 0)
            .ToArray();
        while (pending.TryDequeue(out var watched))
        {
            foreach (var (id, _) in commandLines.Where(p => p.CommandLine.Contains($" --monitor {watched} ", StringComparison.Ordinal)))
            {
                if (found.Add(id))
                {
                    pending.Enqueue(id);
                }
            }
        }

        return found;
    }

    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    private static string ReadCommandLine(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
