using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.JetStream;

namespace FunctionsOrders.ServiceDefaults.Tests;

/// <summary>The topology and the publisher on a three-node JetStream cluster with <c>Topology:Replicas</c> = 3.</summary>
public sealed class ClusterTopologyTests : IAsyncLifetime
{
    private const int TopologyUnavailableEvent = 1025;

    private NatsCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await NatsCluster.StartAsync(3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Every_stream_and_the_bucket_get_three_replicas_and_the_monitoring_endpoint_names_their_leaders()
    {
        using var timeout = TestTimeout.Start();
        await using var services = TestServices.Create(_cluster.Url, TestServices.UniquePrefix(), new Dictionary<string, string?> { ["Topology:Replicas"] = "3" });
        var topology = services.GetRequiredService<JetStreamTopology>();
        await services.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);
        var js = services.GetRequiredService<INatsJSContext>();

        foreach (var name in new[] { topology.OrdersStream, topology.PaymentsStream, topology.DeadLetterStream, "KV_" + topology.OrderStatusBucket })
        {
            var info = (await js.GetStreamAsync(name, cancellationToken: timeout.Token)).Info;
            Assert.Equal(3, info.Config.NumReplicas);
            Assert.Equal(2, info.Cluster!.Replicas!.Count);
            var leader = await _cluster.WaitForStreamLeaderAsync(name, except: null, TimeSpan.FromSeconds(10), timeout.Token);
            Assert.Equal(info.Cluster.Leader, leader.Name);
            await Poll.UntilAsync(async () => await _cluster.StreamReplicasAsync(name, timeout.Token) == (3, 3), TimeSpan.FromSeconds(10),
                $"three current replicas of {name}", cancellationToken: timeout.Token);
        }

        var consumer = (await js.GetConsumerAsync(topology.OrdersStream, TopologyNames.PaymentsConsumer, timeout.Token)).Info;
        Assert.Equal(2, consumer.Cluster!.Replicas!.Count);

        // Ensuring again changes nothing: replicas compare equal.
        var again = await services.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);
        Assert.All(again, c => Assert.Equal(TopologyAction.Unchanged, c.Action));
    }

    [Fact]
    public async Task A_single_replica_topology_is_raised_to_three_replicas_in_place_keeping_its_messages()
    {
        using var timeout = TestTimeout.Start();
        var prefix = TestServices.UniquePrefix();
        await using (var before = TestServices.Create(_cluster.Url, prefix))
        {
            var topology = before.GetRequiredService<JetStreamTopology>();
            await before.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);
            var order = new OrderCreated { OrderId = Guid.NewGuid().ToString() };
            await before.GetRequiredService<IJetStreamPublisher>().PublishAsync(topology.Subjects.OrderCreated(order.OrderId), order, order.OrderId, timeout.Token);
        }

        await using var after = TestServices.Create(_cluster.Url, prefix, new Dictionary<string, string?> { ["Topology:Replicas"] = "3" });
        var changes = await after.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);

        var raised = changes.Where(c => c.Action == TopologyAction.Updated).ToList();
        Assert.Equal(4, raised.Count);
        Assert.All(raised, c => Assert.Contains(c.Differences, d => d.StartsWith("num_replicas", StringComparison.Ordinal)));
        var js = after.GetRequiredService<INatsJSContext>();
        var orders = after.GetRequiredService<JetStreamTopology>().OrdersStream;
        var info = (await js.GetStreamAsync(orders, cancellationToken: timeout.Token)).Info;
        Assert.Equal(3, info.Config.NumReplicas);
        Assert.Equal(1, info.State.Messages);
        await Poll.UntilAsync(async () => await _cluster.StreamReplicasAsync(orders, timeout.Token) == (3, 3), TimeSpan.FromSeconds(20),
            $"three current replicas of {orders}", cancellationToken: timeout.Token);
    }

    [Fact]
    public async Task Applying_the_topology_waits_while_the_cluster_has_no_meta_leader_and_finishes_once_it_has_one_again()
    {
        using var timeout = TestTimeout.Start(seconds: 120);
        var logs = new RecordedLogs();
        await using var services = TestServices.Create(_cluster.Url, TestServices.UniquePrefix(), new Dictionary<string, string?> { ["Topology:Replicas"] = "3" }, logs);
        var topology = services.GetRequiredService<JetStreamTopology>();
        var leader = await _cluster.MetaLeaderAsync(timeout.Token) ?? throw new InvalidOperationException("The cluster has no meta leader.");
        var stopped = new[] { leader, _cluster.Nodes.First(n => n != leader) };
        await Task.WhenAll(stopped.Select(n => n.KillAsync()));

        // The node left alone has no quorum: the start meets a JetStream that cannot answer, and says it waits.
        var applying = services.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);
        await Poll.UntilAsync(() => logs.Any(TopologyUnavailableEvent) || applying.IsCompleted, TimeSpan.FromSeconds(60),
            "the topology to wait for JetStream", cancellationToken: timeout.Token);
        Assert.False(applying.IsCompleted, "The topology was applied without a meta leader.");
        await Task.WhenAll(stopped.Select(n => n.RestartAsync(timeout.Token)));
        var changes = await applying;

        Assert.Equal(6, changes.Count);
        Assert.All(changes, c => Assert.True(c.Action is TopologyAction.Created or TopologyAction.Unchanged, $"{c.Kind} {c.Name}: {c.Action}"));
        var js = services.GetRequiredService<INatsJSContext>();
        foreach (var name in new[] { topology.OrdersStream, topology.PaymentsStream, topology.DeadLetterStream, "KV_" + topology.OrderStatusBucket })
        {
            Assert.Equal(3, (await js.GetStreamAsync(name, cancellationToken: timeout.Token)).Info.Config.NumReplicas);
        }

        foreach (var consumer in topology.DefaultConsumers())
        {
            await js.GetConsumerAsync(consumer.Stream, consumer.Name, timeout.Token);
        }
    }

    [Fact]
    public async Task Publishing_goes_on_after_the_stream_leader_is_killed_and_keeps_every_acknowledged_message_once()
    {
        using var timeout = TestTimeout.Start(seconds: 120);
        await using var services = TestServices.Create(_cluster.Url, TestServices.UniquePrefix(), new Dictionary<string, string?>
        {
            ["Topology:Replicas"] = "3",
            ["Nats:Publish:Deadline"] = "00:00:03",
            ["Nats:Publish:AttemptTimeout"] = "00:00:00.500",
        });
        var topology = services.GetRequiredService<JetStreamTopology>();
        await services.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);
        var publisher = services.GetRequiredService<IJetStreamPublisher>();
        var leader = await _cluster.WaitForStreamLeaderAsync(topology.OrdersStream, except: null, TimeSpan.FromSeconds(10), timeout.Token);

        var acknowledged = new HashSet<string>();
        var failures = 0;
        async Task PublishAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var order = new OrderCreated { OrderId = Guid.NewGuid().ToString() };
                // A client that got no acknowledgement sends the same message again, with the same id.
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await publisher.PublishAsync(topology.Subjects.OrderCreated(order.OrderId), order, order.OrderId, timeout.Token);
                        acknowledged.Add(order.OrderId);
                        break;
                    }
                    catch (JetStreamPublishException) when (attempt < 20)
                    {
                        failures++;
                    }
                }
            }
        }

        await PublishAsync(50);
        await leader.KillAsync();
        await PublishAsync(50);
        var newLeader = await _cluster.WaitForStreamLeaderAsync(topology.OrdersStream, except: leader, TimeSpan.FromSeconds(30), timeout.Token);
        await leader.RestartAsync(timeout.Token);
        await PublishAsync(50);

        Assert.NotEqual(leader, newLeader);
        Assert.Equal(150, acknowledged.Count);
        var js = services.GetRequiredService<INatsJSContext>();
        var state = (await js.GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token)).Info.State;
        Assert.Equal(150, state.Messages);
        Assert.True(failures < 50, $"{failures} publishes failed before they were acknowledged");
        await Poll.UntilAsync(async () => await _cluster.StreamReplicasAsync(topology.OrdersStream, timeout.Token) == (3, 3), TimeSpan.FromSeconds(30),
            "the restarted node to catch up", cancellationToken: timeout.Token);
    }
}
