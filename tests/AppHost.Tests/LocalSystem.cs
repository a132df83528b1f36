using System.Net.Sockets;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.AppHost.Tests;

/// <summary>The fixed loopback ports and URLs of a local run, and the AppHost's build output.</summary>
internal static class LocalSystem
{
    /// <summary>Every fixed port, the second and third nats-servers' and the cluster routes' included.</summary>
    public static readonly int[] Ports =
        [4222, 4223, 4224, 6222, 6223, 6224, 8222, 8223, 8224, 10000, 10001, 10002, 7071, 7072, 7080, 7090, 18887, 18888, 18889];

    /// <summary>The monitoring endpoint of each nats-server: 8222, and 8223 and 8224 in cluster mode.</summary>
    public static Uri[] NatsMonitors(int natsServers) =>
        Enumerable.Range(0, natsServers).Select(i => new Uri($"http://127.0.0.1:{8222 + i}/")).ToArray();

    /// <summary>What answers 2xx once the system is up: the services' health and every nats-server's <c>/healthz</c>.</summary>
    public static string[] HealthUrls(int natsServers = 1) =>
    [
        "http://127.0.0.1:7071/api/health",
        "http://127.0.0.1:7072/api/health",
        "http://127.0.0.1:7090/healthz",
        "http://127.0.0.1:7080/health",
        .. NatsMonitors(natsServers).Select(monitor => new Uri(monitor, "healthz").ToString()),
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

    /// <summary>
    /// Processes of a local run that are still alive: any process started from this repository's services, stores or
    /// tools (nats-server, Azurite, the simulator, both hosts and workers, the bridge, the AppHost), this one aside.
    /// A service that outlives its AppHost would export its last spans to the next run's dashboard on the same port.
    /// </summary>
    public static (int Pid, string CommandLine)[] Stragglers()
    {
        var root = RepoPaths.Root;
        string[] markers =
        [
            Path.Combine(root, "NatsBridge") + "/", Path.Combine(root, "dev") + "/", Path.Combine(root, "OrderFunctions") + "/",
            Path.Combine(root, "PaymentFunctions") + "/", Path.Combine(root, "node_modules", "azurite") + "/", RepoPaths.NatsServer,
        ];
        return Directory.EnumerateDirectories("/proc")
            .Select(directory => (Pid: int.TryParse(Path.GetFileName(directory), out var id) ? id : 0, CommandLine: ReadCommandLine(directory)))
            .Where(process => process.Pid > 0 && process.Pid != Environment.ProcessId
                              && markers.Any(marker => process.CommandLine.Contains(marker, StringComparison.Ordinal)))
            .ToArray();
    }

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
