using System.Security.Cryptography;

namespace FunctionsOrders.SystemHarness;

/// <summary>
/// The whole system as processes on free loopback ports with private stores: nats-server (or a JetStream cluster),
/// Azurite, the payment simulator, OrderFunctions and PaymentFunctions under the local Functions host behind one
/// function key, and NatsBridge with its two routes; the topology applied first, as a deployment does. Every part
/// can be killed, stopped and started again where it was. What the callers differ in (cluster, NATS users, log
/// levels, telemetry, Jwt auth, the settings of each part) comes from <see cref="SystemUnderTestOptions"/>.
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    private readonly SystemUnderTestOptions _options;
    private readonly string _directory = Directory.CreateTempSubdirectory("system-").FullName;
    private readonly List<ServiceProcess> _replicas = [];
    private readonly List<string> _logPaths = [];
    private readonly NatsServer? _nats;
    private SystemSettings _settings = null!;
    private PaymentSimulator? _simulator;

    private SystemUnderTest(SystemUnderTestOptions options, NatsServer? nats, NatsCluster? cluster)
    {
        _options = options;
        _nats = nats;
        Cluster = cluster;
    }

    /// <summary>The single nats-server (not in cluster mode).</summary>
    public NatsServer Nats => _nats ?? throw new InvalidOperationException("The system runs on a NATS cluster: use Cluster.");

    /// <summary>The JetStream cluster, in cluster mode.</summary>
    public NatsCluster? Cluster { get; }

    /// <summary>What clients connect to: the server's URL, or every cluster node's.</summary>
    public string NatsUrl => Cluster?.Url ?? Nats.Url;

    /// <summary>Replicas of every stream and the bucket.</summary>
    public int Replicas => Cluster?.Nodes.Count ?? 1;

    public AzuriteServer Azurite { get; private set; } = null!;

    /// <summary>The payment ledger's table.</summary>
    public string LedgerTable => _settings.LedgerTable;

    /// <summary>The key every function app takes and the bridge sends, generated as the AppHost generates one.</summary>
    public string FunctionKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The payment simulator, once the services started.</summary>
    public PaymentSimulator Simulator => _simulator ?? throw new InvalidOperationException("The services have not started.");

    public FunctionsHostProcess Orders { get; private set; } = null!;

    public FunctionsHostProcess Payments { get; private set; } = null!;

    /// <summary>The order API's base address; it stays the same across restarts of the OrderFunctions host.</summary>
    public Uri OrderApi => Orders.Client.BaseAddress!;

    /// <summary>NatsBridge while it runs (a new free port at each start).</summary>
    public ServiceProcess? Bridge { get; private set; }

    /// <summary>NatsBridge's own endpoints (health, metrics), as of its last start.</summary>
    public Uri BridgeUrl { get; private set; } = null!;

    /// <summary>Bridge replicas started with <see cref="StartBridgeReplicaAsync"/>, besides <see cref="Bridge"/>.</summary>
    public IReadOnlyList<ServiceProcess> BridgeReplicas => _replicas;

    /// <summary>
    /// The log of every process this system started, those already stopped included, and the current logs of
    /// nats-server (every node's) and Azurite.
    /// </summary>
    public IReadOnlyList<string> LogPaths =>
    [
        .. (Cluster?.Nodes.Select(n => n.LogPath) ?? [_nats!.LogPath]).OfType<string>(),
        .. new[] { Azurite?.LogPath }.OfType<string>(),
        .. LoggedSoFar(),
    ];

    /// <summary>The services running now, for measuring their CPU: the simulator, both hosts (with their workers) and the bridges.</summary>
    public IReadOnlyList<SystemProcess> Processes => [.. RunningServices()];

    /// <summary>Starts NATS and Azurite, then (unless the options leave them out) the services and the bridge.</summary>
    public static async Task<SystemUnderTest> StartAsync(SystemUnderTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SystemUnderTestOptions();
        if (options.ClusterNodes > 0 && options.NatsServerArguments.Count > 0)
        {
            throw new ArgumentException("NatsServerArguments apply to a single nats-server, not to a cluster.", nameof(options));
        }

        var system = options.ClusterNodes > 0
            ? new SystemUnderTest(options, null, await NatsCluster.StartAsync(options.ClusterNodes, cancellationToken))
            : new SystemUnderTest(options, await NatsServer.StartAsync(options.NatsServerArguments, cancellationToken), null);
        try
        {
            system.Azurite = await AzuriteServer.StartAsync(cancellationToken, options.AzuriteInMemory);
            system._settings = new SystemSettings(options, system.FunctionKey, system.NatsUrl, system.Replicas, system.Azurite.ConnectionString);
            if (options.StartServices)
            {
                await system.StartServicesAsync(cancellationToken);
                if (options.StartBridge)
                {
                    await system.StartBridgeAsync(cancellationToken);
                }
            }

            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>Applies the topology, then starts the simulator and both function apps and waits until each answers.</summary>
    public async Task StartServicesAsync(CancellationToken cancellationToken)
    {
        Logged(await TopologyApply.RunAsync(_settings.TopologyApply(), cancellationToken));
        _simulator = await PaymentSimulator.StartAsync(_settings.Simulator(), ServiceDirectory, cancellationToken);
        Logged(_simulator.Service.Process.LogPath);
        var orders = StartOrdersAsync(null, cancellationToken);
        var payments = StartPaymentsAsync(null, cancellationToken);
        try
        {
            await Task.WhenAll(orders, payments);
        }
        finally
        {
            // A host that started is stopped on dispose, even when the other failed.
            Orders = orders.IsCompletedSuccessfully ? orders.Result : null!;
            Payments = payments.IsCompletedSuccessfully ? payments.Result : null!;
        }
    }

    /// <summary>Starts NatsBridge (again) on a free port and waits until it is ready.</summary>
    public async Task StartBridgeAsync(CancellationToken cancellationToken)
    {
        Bridge = await StartBridgeProcessAsync(cancellationToken);
        BridgeUrl = Bridge.Url;
    }

    /// <summary>Starts one more NatsBridge on the same routes and durable consumers, and waits until it is ready.</summary>
    public async Task<ServiceProcess> StartBridgeReplicaAsync(CancellationToken cancellationToken)
    {
        var replica = await StartBridgeProcessAsync(cancellationToken);
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>SIGKILLs NatsBridge: whatever it had fetched and not acked is redelivered after the ack wait.</summary>
    public async Task KillBridgeAsync()
    {
        if (Bridge is { } bridge)
        {
            await bridge.DisposeAsync();
            Bridge = null;
        }
    }

    /// <summary>SIGTERMs NatsBridge and reports whether it exited (with its exit code) within <paramref name="timeout"/>.</summary>
    public async Task<(bool Exited, int? ExitCode)> TerminateBridgeAsync(TimeSpan timeout)
    {
        var bridge = Bridge ?? throw new InvalidOperationException("NatsBridge is not running.");
        var exited = await bridge.Process.TerminateAsync(timeout);
        int? exitCode = exited ? bridge.Process.ExitCode : null;
        await bridge.DisposeAsync();
        Bridge = null;
        return (exited, exitCode);
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

    /// <summary>NatsBridge's counters from <c>/metrics</c>, keyed like <c>bridge_naked_total{route="payments"}</c>.</summary>
    public Task<IReadOnlyDictionary<string, double>> BridgeMetricsAsync(CancellationToken cancellationToken) => BridgeMetricsEndpoint.ReadAsync(BridgeUrl, cancellationToken);

    /// <summary>Runs <c>NatsBridge replay --route &lt;route&gt;</c> to completion, as an operator would; returns its output.</summary>
    public async Task<string> ReplayDeadLettersAsync(string route, CancellationToken cancellationToken)
    {
        var output = BuildOutput.Of("NatsBridge");
        await using var replay = ExternalProcess.Start(
            "nats-bridge-replay", "dotnet", [Path.Combine(output, "FunctionsOrders.NatsBridge.dll"), "replay", "--route", route], _settings.Replay(), ServiceDirectory ?? output);
        Logged(replay.LogPath);
        await Poll.UntilAsync(() => replay.HasExited, TimeSpan.FromSeconds(60), "the replay command to finish", cancellationToken: cancellationToken);
        await replay.WaitForExitAsync(cancellationToken);
        var log = replay.ReadLog();
        return replay.ExitCode == 0 ? log : throw new InvalidOperationException($"replay exited with {replay.ExitCode}: {log}");
    }

    /// <summary>Stops every process (so their logs are complete), the services before NATS and Azurite, and deletes the stores.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await KillBridgeAsync();
        foreach (var host in new[] { Orders, Payments }.Where(h => h is not null))
        {
            await host.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        foreach (var store in new IAsyncDisposable?[] { Azurite, _nats, Cluster }.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }

        FreePortRetry.DeleteDirectory(_directory);
    }

    /// <summary>Records a process's log; the hosts start at the same time.</summary>
    private void Logged(string logPath)
    {
        lock (_logPaths)
        {
            _logPaths.Add(logPath);
        }
    }

    private string[] LoggedSoFar()
    {
        lock (_logPaths)
        {
            return [.. _logPaths];
        }
    }

    private IEnumerable<SystemProcess> RunningServices()
    {
        if (_simulator is not null)
        {
            yield return new SystemProcess("payment simulator", _simulator.Service.Process.Id);
        }

        if (Orders is not null)
        {
            yield return new SystemProcess("OrderFunctions host", Orders.Process.Id, "OrderFunctions worker");
        }

        if (Payments is not null)
        {
            yield return new SystemProcess("PaymentFunctions host", Payments.Process.Id, "PaymentFunctions worker");
        }

        foreach (var bridge in new[] { Bridge }.Concat(_replicas).OfType<ServiceProcess>())
        {
            yield return new SystemProcess("NatsBridge", bridge.Process.Id);
        }
    }

    /// <summary>Where the simulator and the bridge run: their build output folders, or a private folder without settings files.</summary>
    private string? ServiceDirectory => _options.UseAppSettingsFiles ? null : _directory;

    private async Task<ServiceProcess> StartBridgeProcessAsync(CancellationToken cancellationToken)
    {
        var bridge = await ServiceProcess.StartAsync(
            "nats-bridge", "NatsBridge", "FunctionsOrders.NatsBridge.dll", "readyz", _settings.Bridge(OrderApi, Payments.Client.BaseAddress!), cancellationToken, ServiceDirectory);
        Logged(bridge.Process.LogPath);
        return bridge;
    }

    private async Task<FunctionsHostProcess> StartOrdersAsync(int? port, CancellationToken cancellationToken)
    {
        var host = await FunctionsHostProcess.StartAsync("OrderFunctions", _settings.Orders(), _settings.Host(), cancellationToken, port);
        Logged(host.Process.LogPath);
        return host;
    }

    private async Task<FunctionsHostProcess> StartPaymentsAsync(int? port, CancellationToken cancellationToken)
    {
        var host = await FunctionsHostProcess.StartAsync("PaymentFunctions", _settings.Payments(Simulator.Url), _settings.Host(), cancellationToken, port);
        Logged(host.Process.LogPath);
        return host;
    }
}
