using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>The real NatsBridge executable in a process of its own, configured by environment variables.</summary>
internal sealed class BridgeProcess : IAsyncDisposable
{
    private readonly string _workingDirectory;

    private BridgeProcess(ExternalProcess process, string workingDirectory, int port)
    {
        Process = process;
        _workingDirectory = workingDirectory;
        Url = $"http://127.0.0.1:{port}";
    }

    public ExternalProcess Process { get; }

    public string Url { get; }

    public static Dictionary<string, string> Environment(string natsUrl, string prefix, string functionUrl, IDictionary<string, string>? route = null)
    {
        var key = $"Bridge__Routes__{BridgeUnderTest.RouteName}__";
        var environment = new Dictionary<string, string>
        {
            ["Nats__Url"] = natsUrl,
            ["Topology__Prefix"] = prefix,
            [key + "Stream"] = "ORDERS",
            [key + "FilterSubject"] = "orders.created.>",
            [key + "Url"] = functionUrl,
            [key + "FetchExpires"] = "00:00:02",
            [key + "NakBackoff"] = "00:00:00.200",
        };
        foreach (var (k, v) in route ?? new Dictionary<string, string>())
        {
            environment[key + k] = v;
        }

        foreach (var (k, v) in BridgeUnderTest.StreamLimits)
        {
            environment["Topology__" + k] = v;
        }

        return environment;
    }

    /// <summary>Starts the bridge and waits until it is ready.</summary>
    public static async Task<BridgeProcess> StartAsync(Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var bridge = Start(environment);
        var process = bridge.Process;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"NatsBridge exited with {process.ExitCode}: {process.ReadLog()}");
                }

                using var response = await http.GetAsync(bridge.Url + "/readyz", cancellationToken);
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(30), $"NatsBridge to be ready (log: {process.LogPath})", TimeSpan.FromMilliseconds(200), cancellationToken);
        return bridge;
    }

    /// <summary>Starts the bridge and returns at once, ready or not.</summary>
    public static BridgeProcess Start(Dictionary<string, string> environment)
    {
        var port = FreePort.Next();
        var workingDirectory = Directory.CreateTempSubdirectory("bridge-test-").FullName;
        var process = ExternalProcess.Start("nats-bridge", "dotnet", [Dll, "--urls", $"http://127.0.0.1:{port}"], environment, workingDirectory);
        return new BridgeProcess(process, workingDirectory, port);
    }

    /// <summary>Runs <c>NatsBridge replay ...</c> to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> ReplayAsync(Dictionary<string, string> environment, string[] arguments, CancellationToken cancellationToken)
    {
        await using var process = ExternalProcess.Start("nats-bridge-replay", "dotnet", [Dll, "replay", .. arguments], environment, Path.GetTempPath());
        await Poll.UntilAsync(() => process.HasExited, TimeSpan.FromSeconds(60), "the replay command to finish", cancellationToken: cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, process.ReadLog());
    }

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "FunctionsOrders.NatsBridge.dll");

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        FreePortRetry.DeleteDirectory(_workingDirectory);
    }
}
