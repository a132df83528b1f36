using System.Globalization;
using System.Text.Json;

namespace FunctionsOrders.SystemHarness;

/// <summary>
/// A real JetStream cluster: several nats-server processes on loopback, joined by routes, each with its own store.
/// Any node can be killed and started again where it was. Leaders are read from the monitoring endpoints, as an
/// operator would.
/// </summary>
public sealed class NatsCluster : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private AppendEntryDelayProxy? _proxy;

    private NatsCluster(string name, IReadOnlyList<NatsClusterNode> nodes)
    {
        Name = name;
        Nodes = nodes;
    }

    /// <summary>The cluster's name, unique per cluster.</summary>
    public string Name { get; }

    /// <summary>The nodes, in the order they were started.</summary>
    public IReadOnlyList<NatsClusterNode> Nodes { get; }

    /// <summary>The node behind the append-entry delay, when started with <see cref="StartWithLaggingNodeAsync"/>.</summary>
    public NatsClusterNode? LaggingNode { get; private set; }

    /// <summary>How long <see cref="LaggingNode"/> receives each Raft append entry after it was sent; zero at start.</summary>
    public TimeSpan LaggingNodeDelay
    {
        get => _proxy?.Delay ?? TimeSpan.Zero;
        set => (_proxy ?? throw new InvalidOperationException("The cluster has no lagging node.")).Delay = value;
    }

    /// <summary>Every node's client URL, comma-separated, as clients take it.</summary>
    public string Url => string.Join(',', Nodes.Select(n => n.Url));

    /// <summary>Starts <paramref name="size"/> nodes and waits until they formed one JetStream cluster with a meta leader.</summary>
    public static Task<NatsCluster> StartAsync(int size = 3, CancellationToken cancellationToken = default) =>
        StartAsync(size, withLaggingNode: false, cancellationToken);

    /// <summary>
    /// Starts <paramref name="size"/> nodes, the last of which receives every Raft append entry through an
    /// <see cref="AppendEntryDelayProxy"/> (none of its routes bypasses it): set <see cref="LaggingNodeDelay"/> and, as a
    /// follower, it applies every replicated write that long after its leader acknowledged it.
    /// </summary>
    public static Task<NatsCluster> StartWithLaggingNodeAsync(int size = 3, CancellationToken cancellationToken = default) =>
        StartAsync(size, withLaggingNode: true, cancellationToken);

    private static async Task<NatsCluster> StartAsync(int size, bool withLaggingNode, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        var name = "fo-" + Guid.NewGuid().ToString("N")[..8];
        var nodes = Enumerable.Range(1, size).Select(i => new NatsClusterNode($"{name}-n{i}", name)).ToList();
        var cluster = new NatsCluster(name, nodes);
        var lagging = withLaggingNode ? nodes[^1] : null;
        if (lagging is not null)
        {
            cluster._proxy = new AppendEntryDelayProxy(targetPort: 0);
            cluster.LaggingNode = lagging;
        }

        try
        {
            await FreePortRetry.StartAsync(
                () =>
                {
                    foreach (var node in nodes)
                    {
                        node.AssignPorts(FreePort.Next(), FreePort.Next(), FreePort.Next());
                    }

                    // Every route to the lagging node is one the others solicit through the proxy, which it advertises.
                    // It solicits none itself: its routes all lead to itself (and are dropped as such), as many as the
                    // others have, since nats-server expects as many JetStream peers as it has routes.
                    var routes = nodes.Select(n => $"nats://127.0.0.1:{(n == lagging ? cluster._proxy!.Port : n.ClusterPort)}").ToList();
                    foreach (var node in nodes)
                    {
                        node.Routes = string.Join(',', node == lagging ? Enumerable.Repeat(routes[^1], routes.Count) : routes);
                    }

                    if (lagging is not null)
                    {
                        cluster._proxy!.TargetPort = lagging.ClusterPort;
                        lagging.ClusterAdvertise = $"127.0.0.1:{cluster._proxy.Port}";
                    }
                },
                async () =>
                {
                    // Every attempt bootstraps from empty stores. Now and then nats-server 2.10, when three nodes
                    // start together, forms a meta group that leaves one out (cluster_size 2 on every node, for good,
                    // kept in the stores); starting again from scratch forms it whole.
                    await Task.WhenAll(nodes.Select(n => n.KillAsync()));
                    foreach (var node in nodes)
                    {
                        node.ClearStore();
                    }

                    await Task.WhenAll(nodes.Select(n => n.StartProcessAsync(cancellationToken)));
                    await cluster.WaitUntilFormedAsync(TimeSpan.FromSeconds(20), cancellationToken);
                    if (lagging is not null)
                    {
                        await lagging.WaitUntilRoutedOnlyByOthersAsync(nodes.Count - 1, TimeSpan.FromSeconds(30), cancellationToken);
                    }
                });
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until every running node is healthy and sees the same meta leader with every peer.</summary>
    public Task WaitUntilFormedAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Poll.UntilAsync(
            async () =>
            {
                string? leader = null;
                foreach (var node in Nodes.Where(n => n.IsRunning))
                {
                    node.ThrowIfExited();
                    if (!await node.IsHealthyAsync(cancellationToken))
                    {
                        return false;
                    }

                    var meta = await node.MetaClusterAsync(cancellationToken);
                    if (meta is null || string.IsNullOrEmpty(meta.Value.Leader) || meta.Value.Size != Nodes.Count || (leader is not null && leader != meta.Value.Leader))
                    {
                        return false;
                    }

                    leader = meta.Value.Leader;
                }

                return leader is not null;
            },
            timeout, $"JetStream cluster {Name} to form (logs: {string.Join(", ", Nodes.Select(n => n.LogPath))})", TimeSpan.FromMilliseconds(200), cancellationToken);

    /// <summary>
    /// The node that leads <paramref name="stream"/> (in the <c>$G</c> account), as a running node's <c>/jsz</c>
    /// reports it; null while no running node names a running leader (during an election).
    /// </summary>
    public async Task<NatsClusterNode?> StreamLeaderAsync(string stream, CancellationToken cancellationToken = default)
    {
        foreach (var node in Nodes.Where(n => n.IsRunning))
        {
            var leader = await node.StreamLeaderNameAsync(stream, cancellationToken);
            if (leader is not null && Nodes.FirstOrDefault(n => n.Name == leader) is { IsRunning: true } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// The node that leads the JetStream meta group, as a running node's <c>/jsz</c> reports it; null while no running
    /// node names a running leader (an election under way, or too few nodes left for one).
    /// </summary>
    public async Task<NatsClusterNode?> MetaLeaderAsync(CancellationToken cancellationToken = default)
    {
        foreach (var node in Nodes.Where(n => n.IsRunning))
        {
            if (await node.MetaClusterAsync(cancellationToken) is { Leader: { Length: > 0 } leader }
                && Nodes.FirstOrDefault(n => n.Name == leader) is { IsRunning: true } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Waits until a running node other than <paramref name="except"/> leads <paramref name="stream"/>.</summary>
    public async Task<NatsClusterNode> WaitForStreamLeaderAsync(string stream, NatsClusterNode? except, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        NatsClusterNode? leader = null;
        await Poll.UntilAsync(
            async () =>
            {
                leader = await StreamLeaderAsync(stream, cancellationToken);
                return leader is not null && leader != except;
            },
            timeout, $"a leader of stream {stream}", TimeSpan.FromMilliseconds(50), cancellationToken);
        return leader!;
    }

    /// <summary>Replicas of <paramref name="stream"/> as the leader reports them: how many peers it has and how many are current.</summary>
    public async Task<(int Peers, int Current)> StreamReplicasAsync(string stream, CancellationToken cancellationToken = default)
    {
        var leader = await StreamLeaderAsync(stream, cancellationToken) ?? throw new InvalidOperationException($"Stream {stream} has no leader.");
        return await leader.StreamReplicasAsync(stream, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    internal static async Task<JsonDocument?> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}

/// <summary>One nats-server of a <see cref="NatsCluster"/>.</summary>
public sealed class NatsClusterNode : IAsyncDisposable
{
    private readonly string _clusterName;
    private ExternalProcess? _process;

    internal NatsClusterNode(string name, string clusterName)
    {
        Name = name;
        _clusterName = clusterName;
        StoreDirectory = Directory.CreateTempSubdirectory("nats-cluster-").FullName;
    }

    /// <summary>The server name, as leaders are reported.</summary>
    public string Name { get; }

    /// <summary>Client port.</summary>
    public int Port { get; private set; }

    /// <summary>HTTP monitoring port.</summary>
    public int MonitorPort { get; private set; }

    /// <summary>Route (cluster) port.</summary>
    public int ClusterPort { get; private set; }

    /// <summary>Client URL.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>Monitoring base address.</summary>
    public Uri MonitorUrl => new($"http://127.0.0.1:{MonitorPort}/");

    /// <summary>JetStream store.</summary>
    public string StoreDirectory { get; }

    /// <summary>True while the node's process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The server's process id while it runs.</summary>
    public int ProcessId => (_process ?? throw new InvalidOperationException($"{Name} is not running.")).Id;

    /// <summary>Log of the current (or last) process.</summary>
    public string? LogPath => _process?.LogPath;

    internal string Routes { get; set; } = string.Empty;

    internal string? ClusterAdvertise { get; set; }

    /// <summary>Kills the node (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts the node again on the same ports and store, and waits until it answers its health check.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    /// <summary>True when the node's <c>/healthz</c> answers OK (in a cluster: JetStream is current with the meta leader).</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        using var document = await NatsCluster.GetJsonAsync(new Uri(MonitorUrl, "healthz").ToString(), cancellationToken);
        return document is not null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        FreePortRetry.DeleteDirectory(StoreDirectory);
    }

    /// <summary>Empties the JetStream store, so that the next start bootstraps the node afresh.</summary>
    internal void ClearStore()
    {
        FreePortRetry.DeleteDirectory(StoreDirectory);
        Directory.CreateDirectory(StoreDirectory);
    }

    internal void AssignPorts(int port, int monitorPort, int clusterPort)
    {
        Port = port;
        MonitorPort = monitorPort;
        ClusterPort = clusterPort;
    }

    internal void ThrowIfExited()
    {
        if (_process is { HasExited: true } process)
        {
            throw new InvalidOperationException($"nats-server {Name} exited with {process.ExitCode}: {process.ReadLog()}");
        }
    }

    /// <summary>
    /// Waits until the node has routes from <paramref name="peers"/> other nodes, all solicited by them (so through
    /// the address it advertises); throws if it solicited one itself.
    /// </summary>
    internal Task WaitUntilRoutedOnlyByOthersAsync(int peers, TimeSpan timeout, CancellationToken cancellationToken) =>
        Poll.UntilAsync(
            async () =>
            {
                using var document = await NatsCluster.GetJsonAsync(new Uri(MonitorUrl, "routez").ToString(), cancellationToken);
                if (document is null || !document.RootElement.TryGetProperty("routes", out var routes) || routes.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                var remotes = new HashSet<string>();
                foreach (var route in routes.EnumerateArray())
                {
                    if (route.TryGetProperty("did_solicit", out var solicited) && solicited.GetBoolean())
                    {
                        throw new InvalidOperationException($"{Name} solicited a route itself, which bypasses the address it advertises.");
                    }

                    remotes.Add(route.GetProperty("remote_name").GetString() ?? string.Empty);
                }

                return remotes.Count == peers;
            },
            timeout, $"routes from {peers} peers to {Name}", TimeSpan.FromMilliseconds(100), cancellationToken);

    internal async Task<(string? Leader, int Size)?> MetaClusterAsync(CancellationToken cancellationToken)
    {
        using var document = await NatsCluster.GetJsonAsync(new Uri(MonitorUrl, "jsz").ToString(), cancellationToken);
        if (document is null || !document.RootElement.TryGetProperty("meta_cluster", out var meta))
        {
            return null;
        }

        var leader = meta.TryGetProperty("leader", out var l) ? l.GetString() : null;
        var size = meta.TryGetProperty("cluster_size", out var s) ? s.GetInt32() : 0;
        return (leader, size);
    }

    internal async Task<string?> StreamLeaderNameAsync(string stream, CancellationToken cancellationToken)
    {
        using var document = await NatsCluster.GetJsonAsync(new Uri(MonitorUrl, "jsz?accounts=true&streams=true").ToString(), cancellationToken);
        var cluster = StreamCluster(document, stream);
        return cluster is { } c && c.TryGetProperty("leader", out var leader) && leader.GetString() is { Length: > 0 } name ? name : null;
    }

    internal async Task<(int Peers, int Current)> StreamReplicasAsync(string stream, CancellationToken cancellationToken)
    {
        using var document = await NatsCluster.GetJsonAsync(new Uri(MonitorUrl, "jsz?accounts=true&streams=true").ToString(), cancellationToken);
        if (StreamCluster(document, stream) is not { } cluster)
        {
            return (0, 0);
        }

        // The leader lists the other peers under "replicas"; itself counts as one current peer.
        var peers = 1;
        var current = 1;
        if (cluster.TryGetProperty("replicas", out var replicas))
        {
            foreach (var replica in replicas.EnumerateArray())
            {
                peers++;
                if (replica.TryGetProperty("current", out var c) && c.GetBoolean())
                {
                    current++;
                }
            }
        }

        return (peers, current);
    }

    internal async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        await KillAsync();
        List<string> arguments =
        [
            "-js", "-a", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-m", MonitorPort.ToString(CultureInfo.InvariantCulture), "-sd", StoreDirectory, "-n", Name,
            "--cluster_name", _clusterName, "--cluster", $"nats://127.0.0.1:{ClusterPort}", "--routes", Routes,
        ];
        if (ClusterAdvertise is not null)
        {
            arguments.AddRange(["--cluster_advertise", ClusterAdvertise]);
        }

        var process = ExternalProcess.Start("nats-" + Name, RepoPaths.NatsServer, arguments);
        _process = process;
        await Poll.UntilAsync(
            async () =>
            {
                ThrowIfExited();
                using var document = await NatsCluster.GetJsonAsync(new Uri(MonitorUrl, "varz").ToString(), cancellationToken);
                return document is not null;
            },
            TimeSpan.FromSeconds(20), $"nats-server {Name} on port {Port} (log: {process.LogPath})", TimeSpan.FromMilliseconds(100), cancellationToken);
    }

    private static JsonElement? StreamCluster(JsonDocument? document, string stream)
    {
        if (document is null || !document.RootElement.TryGetProperty("account_details", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var account in accounts.EnumerateArray())
        {
            if (!account.TryGetProperty("stream_detail", out var streams) || streams.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var detail in streams.EnumerateArray())
            {
                if (detail.TryGetProperty("name", out var name) && name.GetString() == stream && detail.TryGetProperty("cluster", out var cluster))
                {
                    return cluster.Clone();
                }
            }
        }

        return null;
    }
}
