using FunctionsOrders.Reconciliation.Tests.Harness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Reconciliation.Tests;

[Collection(ReconciliationCollection.Name)]
public sealed class OrderDiscrepancyTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task Accepted_order_absent_from_ORDERS_is_lost()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var kept = Deployment.NewOrderId();
        var lost = Deployment.NewOrderId();
        await scenario.CompleteAsync(kept, paid: true, cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(kept), new(lost)], cts.Token);

        ReportAssert.Exactly(report, (DiscrepancyKinds.Lost, lost));
        Assert.Equal((1, 1), (report.Lost, report.Paid));
        Assert.Contains(scenario.Nats.Topology.Subjects.OrderCreated(lost), report.Discrepancies[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_in_ORDERS_without_a_final_status_is_unfinished()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var pending = Deployment.NewOrderId();
        var noEntry = Deployment.NewOrderId();
        await scenario.Nats.PublishOrderAsync(pending, cancellationToken: cts.Token);
        await scenario.Nats.SetStatusAsync(pending, "Pending", cancellationToken: cts.Token);
        await scenario.Nats.PublishOrderAsync(noEntry, cancellationToken: cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(pending), new(noEntry)], cts.Token);

        ReportAssert.Exactly(report, (DiscrepancyKinds.Unfinished, pending), (DiscrepancyKinds.Unfinished, noEntry));
        Assert.Equal((2, 0, 0), (report.Unfinished, report.Paid, report.Lost));
        Assert.Contains("status Pending", report.Discrepancies.Single(d => d.OrderId == pending).Detail, StringComparison.Ordinal);
        Assert.Contains("no entry", report.Discrepancies.Single(d => d.OrderId == noEntry).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Final_status_other_than_the_expected_one_is_a_status_mismatch()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var declined = Deployment.NewOrderId();
        await scenario.CompleteAsync(declined, paid: false, cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(declined, FinalStatuses.Paid)], cts.Token);

        ReportAssert.Exactly(report, (DiscrepancyKinds.StatusMismatch, declined));
        Assert.Equal("expected Paid, is PaymentFailed (card_declined)", report.Discrepancies[0].Detail);
    }

    [Fact]
    public async Task Invalid_expected_status_or_order_id_is_refused()
    {
        using var cts = TestTimeout.Start();
        var sources = new ReconciliationSources
        {
            NatsUrl = nats.Server.Url,
            StorageConnectionString = azurite.Server.ConnectionString,
            ProviderBaseUrl = new Uri("http://127.0.0.1:1/"),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => Reconciler.CheckAsync(sources, [new("o-1", "Shipped")], cts.Token));
        await Assert.ThrowsAsync<ArgumentException>(() => Reconciler.CheckAsync(sources, [new("o.1")], cts.Token));
        await Assert.ThrowsAsync<ArgumentException>(
            () => Reconciler.CheckAsync(sources, [new("o-1", FinalStatuses.Paid), new("o-1", FinalStatuses.PaymentFailed)], cts.Token));
    }
}
