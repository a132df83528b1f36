using System.Globalization;
using System.Net.Http.Json;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.Faults.Tests;

/// <summary>Settings a scenario changes from the defaults, as app settings and bridge route settings.</summary>
internal sealed record FaultSystemOptions
{
    /// <summary>Extra OrderFunctions app settings (e.g. <c>Nats__Publish__MaxInFlight</c>).</summary>
    public Dictionary<string, string> Orders { get; init; } = [];

    /// <summary>Extra PaymentFunctions app settings.</summary>
    public Dictionary<string, string> Payments { get; init; } = [];

    /// <summary>Settings applied to every bridge route (e.g. <c>AckWait</c>), by route option name.</summary>
    public Dictionary<string, string> Routes { get; init; } = [];

    /// <summary>Settings applied to the payments route only, after <see cref="Routes"/>.</summary>
    public Dictionary<string, string> PaymentsRoute { get; init; } = [];

    /// <summary>Extra settings of the payment simulator, as environment variables (e.g. <c>Simulator__IdempotencyKeyTtl</c>).</summary>
    public Dictionary<string, string> Simulator { get; init; } = [];

    /// <summary>Extra bridge settings (e.g. <c>Bridge__ShutdownTimeout</c>).</summary>
    public Dictionary<string, string> Bridge { get; init; } = [];

    /// <summary>
    /// 0 for one nats-server; otherwise the number of nodes of a JetStream cluster, with every stream and the bucket
    /// replicated on each of them (<c>Topology:Replicas</c>).
    /// </summary>
    public int ClusterNodes { get; init; }

    /// <summary>Whether <see cref="FaultSystem.StartAsync"/> starts NatsBridge; without it, orders wait in the streams.</summary>
    public bool StartBridge { get; init; } = true;
}

/// <summary>A NatsBridge replica started beside the first one, on the same durable consumers.</summary>
internal sealed record BridgeReplica(ExternalProcess Process, Uri Url);

/// <summary>
/// The whole system as processes on free loopback ports with private stores: nats-server, Azurite, the payment
/// simulator, OrderFunctions and PaymentFunctions under the local Functions host, and NatsBridge with its three
/// routes. Every part can be killed, stopped and started again where it was, which is what the scenarios do.
/// </summary>
internal sealed class FaultSystem : IAsyncDisposable
{
    public const string LedgerTable = "payments";

    private readonly FaultSystemOptions _options;
    private readonly string _functionKey = Guid.NewGuid().ToString("N");
    private readonly string _bridgeDirectory = Directory.CreateTempSubdirectory("faults-bridge-").FullName;
    private readonly int _simulatorPort = FreePort.Next();
    private readonly NatsServer? _nats;
    private readonly List<BridgeReplica> _replicas = [];
    private ExternalProcess? _simulator;

    private FaultSystem(FaultSystemOptions options, NatsServer? nats, NatsCluster? cluster, AzuriteServer azurite)
    {
        _options = options;
        _nats = nats;
        Cluster = cluster;
        Azurite = azurite;
        SimulatorUrl = new Uri($"http://127.0.0.1:{_simulatorPort}/");
        Simulator = new HttpClient { BaseAddress = SimulatorUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The single nats-server (not in cluster mode).</summary>
    public NatsServer Nats => _nats ?? throw new InvalidOperationException("The system runs on a NATS cluster: use Cluster.");

    /// <summary>The JetStream cluster, in cluster mode.</summary>
    public NatsCluster? Cluster { get; }

    /// <summary>What clients connect to: the server's URL, or every cluster node's.</summary>
    public string NatsUrl => Cluster?.Url ?? Nats.Url;

    /// <summary>Replicas of every stream and the bucket.</summary>
    public int Replicas => Cluster?.Nodes.Count ?? 1;

    /// <summary>Bridge replicas started with <see cref="StartBridgeReplicaAsync"/>, besides <see cref="Bridge"/>.</summary>
    public IReadOnlyList<BridgeReplica> BridgeReplicas => _replicas;

    public AzuriteServer Azurite { get; }

    public Uri SimulatorUrl { get; }

    /// <summary>A client for the simulator's charge list, stats and fault switches.</summary>
    public HttpClient Simulator { get; }

    public FunctionsHostProcess Orders { get; private set; } = null!;

    public FunctionsHostProcess Payments { get; private set; } = null!;

    public ExternalProcess? Bridge { get; private set; }

    /// <summary>NatsBridge's own endpoints (health, metrics); a new free port at each start.</summary>
    public Uri BridgeUrl { get; private set; } = null!;

    /// <summary>The order API's base address; it stays the same across restarts of the OrderFunctions host.</summary>
    public Uri OrderApi => Orders.Client.BaseAddress!;

    public static async Task<FaultSystem> StartAsync(FaultSystemOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FaultSystemOptions();
        NatsServer? nats = null;
        NatsCluster? cluster = null;
        AzuriteServer? azurite = null;
        try
        {
            if (options.ClusterNodes > 0)
            {
                cluster = await NatsCluster.StartAsync(options.ClusterNodes, cancellationToken);
            }
            else
            {
                nats = await NatsServer.StartAsync(cancellationToken: cancellationToken);
            }

            azurite = await AzuriteServer.StartAsync(cancellationToken);
        }
        catch
        {
            if (nats is not null)
            {
                await nats.DisposeAsync();
            }

            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            throw;
        }

        var system = new FaultSystem(options, nats, cluster, azurite);
        try
        {
            await TopologyApply.RunAsync(new Dictionary<string, string>
            {
                ["Nats__Url"] = system.NatsUrl,
                ["Topology__Replicas"] = system.Replicas.ToString(CultureInfo.InvariantCulture),
            }, cancellationToken);
            await system.StartSimulatorAsync(cancellationToken);
            var orders = system.StartOrdersAsync(null, cancellationToken);
            var payments = system.StartPaymentsAsync(null, cancellationToken);
            system.Orders = await orders;
            system.Payments = await payments;
            if (options.StartBridge)
            {
                await system.StartBridgeAsync(cancellationToken);
            }

            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts NatsBridge (again) on a free port and waits until it is ready.</summary>
    public Task StartBridgeAsync(CancellationToken cancellationToken) =>
        // A port found free can be taken by another process before the bridge binds it: then take another.
        FreePortRetry.StartAsync(
            () => BridgeUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/"),
            async () => Bridge = await StartBridgeOnceAsync(BridgeUrl, cancellationToken));

    /// <summary>Starts one more NatsBridge on the same routes and durable consumers, and waits until it is ready.</summary>
    public async Task<BridgeReplica> StartBridgeReplicaAsync(CancellationToken cancellationToken)
    {
        BridgeReplica? replica = null;
        Uri url = null!;
        await FreePortRetry.StartAsync(
            () => url = new Uri($"http://127.0.0.1:{FreePort.Next()}/"),
            async () => replica = new BridgeReplica(await StartBridgeOnceAsync(url, cancellationToken), url));
        _replicas.Add(replica!);
        return replica!;
    }

    private async Task<ExternalProcess> StartBridgeOnceAsync(Uri bridgeUrl, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(_options.Bridge)
        {
            ["Nats__Url"] = NatsUrl,
            ["Topology__Replicas"] = Replicas.ToString(CultureInfo.InvariantCulture),
            ["Nats__ReconnectWaitMin"] = "00:00:00.100",
            ["Nats__ReconnectWaitMax"] = "00:00:00.500",
        };
        foreach (var (route, stream, filter, app, path) in new[]
                 {
                     ("payments", "ORDERS", "orders.created.>", Payments, "api/internal/payments"),
                     ("payment-status", "PAYMENTS", "payments.processed.>", Orders, "api/internal/order-events"),
                 })
        {
            var key = $"Bridge__Routes__{route}__";
            environment[key + "Stream"] = stream;
            environment[key + "FilterSubject"] = filter;
            environment[key + "Url"] = new Uri(app.Client.BaseAddress!, path).ToString();
            environment[key + "FunctionKey"] = _functionKey;
            environment[key + "FetchExpires"] = "00:00:02";
            foreach (var (name, value) in route == "payments" ? _options.Routes.Concat(_options.PaymentsRoute) : _options.Routes)
            {
                environment[key + name] = value;
            }
        }

        var dll = Path.Combine(BuildOutput.Of("NatsBridge"), "FunctionsOrders.NatsBridge.dll");
        var bridge = ExternalProcess.Start("nats-bridge", "dotnet", [dll, "--urls", bridgeUrl.ToString().TrimEnd('/')], environment, _bridgeDirectory);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(
            async () =>
            {
                if (bridge.HasExited)
                {
                    throw new InvalidOperationException($"NatsBridge exited with {bridge.ExitCode}: {bridge.ReadLog()}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri(bridgeUrl, "readyz"), cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Not listening yet, or too busy starting to answer within the probe's timeout.
                    return false;
                }
            },
            TimeSpan.FromSeconds(60), $"NatsBridge to be ready (log: {bridge.LogPath})", TimeSpan.FromMilliseconds(200), cancellationToken);
        return bridge;
    }

    /// <summary>SIGKILLs NatsBridge: whatever it had fetched and not acked is redelivered after the ack wait.</summary>
    public async Task KillBridgeAsync()
    {
        if (Bridge is { } bridge)
        {
            await bridge.KillAsync();
            Bridge = null;
        }
    }

    /// <summary>SIGTERMs NatsBridge and reports whether it exited (with its exit code) within <paramref name="timeout"/>.</summary>
    public async Task<(bool Exited, int? ExitCode)> TerminateBridgeAsync(TimeSpan timeout)
    {
        var bridge = Bridge ?? throw new InvalidOperationException("NatsBridge is not running.");
        var exited = await bridge.TerminateAsync(timeout);
        Bridge = null;
        return (exited, exited ? bridge.ExitCode : null);
    }

    /// <summary>SIGTERMs the OrderFunctions host (and so its worker), then starts it again on the same port.</summary>
    public async Task<bool> RestartOrdersAsync(TimeSpan stopTimeout, CancellationToken cancellationToken)
    {
        var port = Orders.Port;
        var exited = await Orders.Process.TerminateAsync(stopTimeout);
        await Orders.DisposeAsync();
        Orders = await StartOrdersAsync(port, cancellationToken);
        return exited;
    }

    /// <summary>SIGTERMs the PaymentFunctions host (and so its worker), then starts it again on the same port.</summary>
    public async Task<bool> RestartPaymentsAsync(TimeSpan stopTimeout, CancellationToken cancellationToken)
    {
        var port = Payments.Port;
        var exited = await Payments.Process.TerminateAsync(stopTimeout);
        await Payments.DisposeAsync();
        Payments = await StartPaymentsAsync(port, cancellationToken);
        return exited;
    }

    /// <summary>The process id of PaymentFunctions' worker, the local host's child process.</summary>
    public int PaymentsWorkerProcessId() => ChildProcesses.Of(Payments.Process.Id).Single();

    /// <summary>Sets the simulator's faults; <paramref name="errorStatus"/> answers every API call with it, <paramref name="chargeStatus"/> reports charges with it.</summary>
    public async Task SetProviderFaultsAsync(
        int latencyMs = 0, double failureRate = 0, bool outage = false, int? errorStatus = null, string? chargeStatus = null,
        CancellationToken cancellationToken = default)
    {
        using var response = await Simulator.PostAsJsonAsync("admin/faults", new { latencyMs, failureRate, outage, errorStatus, chargeStatus }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every charge the simulator holds.</summary>
    public async Task<IReadOnlyList<ProviderCharge>> ChargesAsync(CancellationToken cancellationToken) =>
        await Simulator.GetFromJsonAsync<List<ProviderCharge>>("v1/charges", cancellationToken) ?? [];

    /// <summary>How many charge requests reached the simulator, answered or not.</summary>
    public async Task<long> ChargeRequestsAsync(CancellationToken cancellationToken) =>
        (await ProviderStatsAsync(cancellationToken)).ChargeRequests;

    /// <summary>The simulator's counters: charge requests, charges, searches, idempotency keys still remembered.</summary>
    public async Task<ProviderStats> ProviderStatsAsync(CancellationToken cancellationToken) =>
        (await Simulator.GetFromJsonAsync<ProviderStats>("admin/stats", cancellationToken))!;

    /// <summary>Runs <c>NatsBridge replay --route &lt;route&gt;</c> to completion, as an operator would; returns its output.</summary>
    public async Task<string> ReplayDeadLettersAsync(string route, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(_options.Bridge)
        {
            ["Nats__Url"] = NatsUrl,
            ["Topology__Replicas"] = Replicas.ToString(CultureInfo.InvariantCulture),
        };
        var dll = Path.Combine(BuildOutput.Of("NatsBridge"), "FunctionsOrders.NatsBridge.dll");
        await using var replay = ExternalProcess.Start("nats-bridge-replay", "dotnet", [dll, "replay", "--route", route], environment, _bridgeDirectory);
        await Poll.UntilAsync(() => replay.HasExited, TimeSpan.FromSeconds(60), "the replay command to finish", cancellationToken: cancellationToken);
        await replay.WaitForExitAsync(cancellationToken);
        var log = replay.ReadLog();
        return replay.ExitCode == 0 ? log : throw new InvalidOperationException($"replay exited with {replay.ExitCode}: {log}");
    }

    /// <summary>NatsBridge's counters from <c>/metrics</c>, keyed like <c>bridge_naked_total{route="payments"}</c>.</summary>
    public Task<IReadOnlyDictionary<string, double>> BridgeMetricsAsync(CancellationToken cancellationToken) => BridgeMetricsAsync(BridgeUrl, cancellationToken);

    /// <summary>The counters of the bridge listening on <paramref name="bridgeUrl"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> BridgeMetricsAsync(Uri bridgeUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync(new Uri(bridgeUrl, "metrics"), cancellationToken);
        return text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.Process.DisposeAsync();
        }

        await KillBridgeAsync();
        if (Orders is not null)
        {
            await Orders.DisposeAsync();
        }

        if (Payments is not null)
        {
            await Payments.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        Simulator.Dispose();
        await Azurite.DisposeAsync();
        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        FreePortRetry.DeleteDirectory(_bridgeDirectory);
    }

    private async Task StartSimulatorAsync(CancellationToken cancellationToken)
    {
        var dll = Path.Combine(BuildOutput.Of("dev/PaymentProvider"), "FunctionsOrders.PaymentProvider.dll");
        var simulator = ExternalProcess.Start("payment-provider", "dotnet", [dll, "--urls", SimulatorUrl.ToString().TrimEnd('/')], _options.Simulator);
        _simulator = simulator;
        await Poll.UntilAsync(
            async () =>
            {
                if (simulator.HasExited)
                {
                    throw new InvalidOperationException($"The simulator exited with {simulator.ExitCode}: {simulator.ReadLog()}");
                }

                try
                {
                    using var response = await Simulator.GetAsync("health", cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Not listening yet, or too busy starting to answer within the probe's timeout.
                    return false;
                }
            },
            TimeSpan.FromSeconds(30), $"the payment simulator on {SimulatorUrl}", TimeSpan.FromMilliseconds(200), cancellationToken);
    }

    private Task<FunctionsHostProcess> StartOrdersAsync(int? port, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(CommonSettings())
        {
            ["Nats__Publish__Deadline"] = "00:00:03",
            ["Nats__Publish__AttemptTimeout"] = "00:00:01",
        };
        foreach (var (name, value) in _options.Orders)
        {
            settings[name] = value;
        }

        return FunctionsHostProcess.StartAsync("OrderFunctions", settings, HostEnvironment(), cancellationToken, port);
    }

    private Task<FunctionsHostProcess> StartPaymentsAsync(int? port, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(CommonSettings())
        {
            ["Payments__Provider__BaseUrl"] = SimulatorUrl.ToString().TrimEnd('/'),
            ["Payments__Ledger__TableName"] = LedgerTable,
        };
        foreach (var (name, value) in _options.Payments)
        {
            settings[name] = value;
        }

        return FunctionsHostProcess.StartAsync("PaymentFunctions", settings, HostEnvironment(), cancellationToken, port);
    }

    private Dictionary<string, string> CommonSettings() => new()
    {
        ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["Nats__Url"] = NatsUrl,
        ["Nats__ReconnectWaitMin"] = "00:00:00.100",
        ["Nats__ReconnectWaitMax"] = "00:00:00.500",
        ["Topology__Replicas"] = Replicas.ToString(CultureInfo.InvariantCulture),
    };

    private Dictionary<string, string> HostEnvironment() => new() { ["FunctionsHost__FunctionKey"] = _functionKey };
}

/// <summary>One charge as the simulator lists it.</summary>
internal sealed record ProviderCharge(string Id, string OrderId, string CustomerId, decimal Amount, string Currency, string Status, string? Reason);

/// <summary>The simulator's <c>GET /admin/stats</c>.</summary>
internal sealed record ProviderStats(long ChargeRequests, long Charges, long SearchRequests, int IdempotencyKeys);

/// <summary>Child processes, from <c>/proc</c>.</summary>
internal static class ChildProcesses
{
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
