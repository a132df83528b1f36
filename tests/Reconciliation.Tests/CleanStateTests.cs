using FunctionsOrders.Reconciliation.Tests.Harness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Reconciliation.Tests;

[Collection(ReconciliationCollection.Name)]
public sealed class CleanStateTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task Paid_and_declined_orders_with_drained_consumers_are_clean()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var paid = new[] { Deployment.NewOrderId(), Deployment.NewOrderId() };
        var declined = Deployment.NewOrderId();
        foreach (var id in paid)
        {
            await scenario.CompleteAsync(id, paid: true, cts.Token);
        }

        await scenario.CompleteAsync(declined, paid: false, cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync(
            [new(paid[0], FinalStatuses.Paid), new(paid[1]), new(declined, FinalStatuses.PaymentFailed)], cts.Token);

        ReportAssert.Clean(report);
        Assert.Equal((3, 2, 1, 0), (report.Accepted, report.Paid, report.PaymentFailed, report.DeadLettered));
        Assert.Equal((3, 3, 3, 2, 3), (report.OrdersInStream, report.StatusEntries, report.Charges, report.SucceededCharges, report.LedgerRows));
        Assert.All(report.Consumers, c => Assert.True(c.IsDrained, c.ToString()));
        Assert.Equal(2, report.Consumers.Count);
        Assert.StartsWith("Reconciliation: CLEAN", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dead_lettered_order_is_counted_and_the_report_stays_clean()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var paid = Deployment.NewOrderId();
        var poison = Deployment.NewOrderId();
        await scenario.CompleteAsync(paid, paid: true, cts.Token);
        await scenario.Nats.PublishOrderAsync(poison, cancellationToken: cts.Token);
        await scenario.Nats.SetStatusAsync(poison, "Pending", cancellationToken: cts.Token);
        await scenario.Nats.DeadLetterAsync(poison, "invalid_message", cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(paid, FinalStatuses.Paid), new(poison, FinalStatuses.Paid)], cts.Token);

        ReportAssert.Clean(report);
        Assert.Equal((2, 1, 1), (report.Accepted, report.Paid, report.DeadLettered));
        Assert.Equal(1, report.DeadLetters);
    }

    [Fact]
    public async Task Dead_letter_without_a_reason_header_leaves_the_order_unfinished()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var order = Deployment.NewOrderId();
        await scenario.Nats.PublishOrderAsync(order, cancellationToken: cts.Token);
        await scenario.Nats.DeadLetterAsync(order, reason: null, cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(order)], cts.Token);

        ReportAssert.Exactly(report, (DiscrepancyKinds.Unfinished, order));
        Assert.Equal(0, report.DeadLettered);
        Assert.Contains("DeadLetter-Reason", report.Discrepancies[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_deployment_with_no_accepted_orders_is_clean()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);

        var report = await scenario.CheckAsync([], cts.Token);

        ReportAssert.Clean(report);
        Assert.Equal((0, 0, 0, 0), (report.Accepted, report.OrdersInStream, report.Charges, report.LedgerRows));
    }
}
