using FunctionsOrders.Contracts.Topology;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.Contracts.Tests;

public sealed class JetStreamTopologyTests
{
    [Fact]
    public void Event_streams_refuse_new_messages_when_full_instead_of_dropping_old_ones()
    {
        var streams = new JetStreamTopology(new TopologyOptions()).Streams();

        Assert.Equal(["ORDERS", "PAYMENTS", "DEADLETTER"], streams.Select(s => s.Name));
        Assert.All(streams, s =>
        {
            Assert.Equal(StreamConfigDiscard.New, s.Discard);
            Assert.Equal(StreamConfigStorage.File, s.Storage);
            Assert.Equal(StreamConfigRetention.Limits, s.Retention);
            Assert.True(s.MaxBytes > 0, "a Discard New stream needs a size limit");
            Assert.Equal(TimeSpan.FromHours(2), s.DuplicateWindow);
        });
    }

    [Fact]
    public void Settings_flow_into_the_definitions()
    {
        var options = new TopologyOptions { Prefix = "t9", Replicas = 3, OrdersMaxBytes = 4096, DuplicateWindow = TimeSpan.FromMinutes(5) };
        var topology = new JetStreamTopology(options);
        var orders = topology.Streams()[0];

        Assert.Equal("t9_ORDERS", orders.Name);
        Assert.Equal(["t9.orders.>"], orders.Subjects!);
        Assert.Equal(4096, orders.MaxBytes);
        Assert.Equal(3, orders.NumReplicas);
        Assert.Equal(TimeSpan.FromMinutes(5), orders.DuplicateWindow);
        Assert.Equal("t9_order-status", topology.OrderStatusBucketConfig().Bucket);
        Assert.Equal(3, topology.OrderStatusBucketConfig().NumberOfReplicas);
    }

    [Fact]
    public void Consumers_are_durable_pull_consumers_with_explicit_ack()
    {
        var topology = new JetStreamTopology(new TopologyOptions());
        var consumers = topology.DefaultConsumers();

        Assert.Equal(["payments", "payment-status"], consumers.Select(c => c.Name));
        Assert.Equal(["ORDERS", "PAYMENTS"], consumers.Select(c => c.Stream));
        Assert.All(consumers.Select(c => c.ToConsumerConfig()), config =>
        {
            Assert.Equal(config.Name, config.DurableName);
            Assert.Equal(ConsumerConfigAckPolicy.Explicit, config.AckPolicy);
            Assert.Null(config.DeliverSubject);
            // The bridge enforces the delivery budget; a server-side limit would drop a message it still has to deliver.
            Assert.Equal(ConsumerDefinition.UnlimitedDeliveries, config.MaxDeliver);
            Assert.True(config.AckWait > TimeSpan.Zero);
        });
    }
}
