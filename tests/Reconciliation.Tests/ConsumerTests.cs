using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.Reconciliation.Tests.Harness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Reconciliation.Tests;

[Collection(ReconciliationCollection.Name)]
public sealed class ConsumerTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task Consumers_with_pending_or_unacknowledged_messages_are_not_drained()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var done = Deployment.NewOrderId();
        await scenario.CompleteAsync(done, paid: true, cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);
        // A second order reaches ORDERS and PAYMENTS: the payments consumer receives it and never acks; payment-status never receives it.
        var late = Deployment.NewOrderId();
        await scenario.CompleteAsync(late, paid: true, cts.Token);
        var topology = scenario.Nats.Topology;
        await scenario.Nats.ReceiveWithoutAckAsync(TopologyNames.PaymentsConsumer, topology.OrdersStream, cts.Token);

        var report = await scenario.CheckAsync([new(done), new(late)], cts.Token);

        ReportAssert.Exactly(report, (DiscrepancyKinds.ConsumerNotDrained, null), (DiscrepancyKinds.ConsumerNotDrained, null));
        var states = report.Consumers.ToDictionary(c => c.Name);
        Assert.Equal((0UL, 1UL), (states[TopologyNames.PaymentsConsumer].Pending, states[TopologyNames.PaymentsConsumer].AckPending));
        Assert.Equal((1UL, 0UL), (states[TopologyNames.PaymentStatusConsumer].Pending, states[TopologyNames.PaymentStatusConsumer].AckPending));
        Assert.Equal(topology.PaymentsStream, states[TopologyNames.PaymentStatusConsumer].Stream);
        Assert.Contains("1 awaiting ack", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_of_the_topology_that_does_not_exist_is_missing()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        await scenario.Nats.DeleteConsumerAsync(TopologyNames.PaymentStatusConsumer, scenario.Nats.Topology.PaymentsStream, cts.Token);

        var report = await scenario.CheckAsync([], cts.Token);

        ReportAssert.Exactly(report, (DiscrepancyKinds.ConsumerMissing, null));
        Assert.False(report.Consumers.Single(c => c.Name == TopologyNames.PaymentStatusConsumer).Exists);
    }
}
