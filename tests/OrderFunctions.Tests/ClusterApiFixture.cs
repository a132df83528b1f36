using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.OrderFunctions.Tests;

/// <summary>
/// A three-node JetStream cluster with every stream and the bucket on three replicas, and OrderFunctions under the
/// local Functions host connected to one node only: a follower of <c>ORDERS</c> that applies every write
/// <see cref="AppendEntryDelay"/> after its leader acknowledged it, as a follower that fell behind does. On loopback
/// a follower is otherwise current long before a client can read again, and the race would not show.
/// </summary>
public sealed class ClusterApiFixture : IAsyncLifetime
{
    /// <summary>How long after its leader the follower the app is on applies each write.</summary>
    public static readonly TimeSpan AppendEntryDelay = TimeSpan.FromMilliseconds(250);

    private NatsCluster? _cluster;
    private FunctionsHostProcess? _host;
    private NatsConnection? _connection;

    public NatsCluster Cluster => _cluster!;

    public HttpClient Client => _host!.Client;

    public JetStreamTopology Topology { get; private set; } = null!;

    /// <summary>The node the app is connected to; it does not lead <c>ORDERS</c>.</summary>
    public NatsClusterNode Follower { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = TestTimeout.Start(120);
        _cluster = await NatsCluster.StartWithLaggingNodeAsync(3, timeout.Token);
        var prefix = OrderApiFixture.UniquePrefix();
        Topology = new JetStreamTopology(new TopologyOptions { Prefix = prefix, Replicas = 3 });
        _connection = new NatsConnection(new NatsOpts { Url = _cluster.Url, Name = "cluster-fixture" });
        var js = new NatsJSContext(_connection);
        var initializer = new JetStreamTopologyInitializer(js, new NatsKVContext(js), Topology, NullLogger<JetStreamTopologyInitializer>.Instance);
        await initializer.EnsureAsync([], timeout.Token);
        await Poll.UntilAsync(async () => await _cluster.StreamReplicasAsync(Topology.OrdersStream, timeout.Token) == (3, 3),
            TimeSpan.FromSeconds(30), "three current replicas of ORDERS", cancellationToken: timeout.Token);

        Follower = _cluster.LaggingNode!;
        await MoveLeaderOffAsync(Topology.OrdersStream, Follower, timeout.Token);
        _cluster.LaggingNodeDelay = AppendEntryDelay;
        (_host, _) = await OrderApiFixture.StartHostAsync(Follower.Url, new Dictionary<string, string> { ["Topology__Replicas"] = "3" }, prefix, applyTopology: false);
    }

    /// <summary>Asks <paramref name="stream"/>'s leader to step down until a node other than <paramref name="node"/> leads it.</summary>
    private async Task MoveLeaderOffAsync(string stream, NatsClusterNode node, CancellationToken cancellationToken)
    {
        await Poll.UntilAsync(
            async () =>
            {
                var leader = await _cluster!.WaitForStreamLeaderAsync(stream, except: null, TimeSpan.FromSeconds(10), cancellationToken);
                if (leader != node)
                {
                    return true;
                }

                await _connection!.RequestAsync<byte[], byte[]>($"$JS.API.STREAM.LEADER.STEPDOWN.{stream}", [], cancellationToken: cancellationToken);
                await _cluster.WaitForStreamLeaderAsync(stream, except: node, TimeSpan.FromSeconds(10), cancellationToken);
                return false;
            },
            TimeSpan.FromSeconds(60), $"a leader of {stream} other than {node.Name}", TimeSpan.FromMilliseconds(100), cancellationToken);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
