using FunctionsOrders.Reconciliation.Tests.Harness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Reconciliation.Tests;

[Collection(ReconciliationCollection.Name)]
public sealed class LedgerDiscrepancyTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task Ledger_row_of_an_order_never_in_ORDERS_is_an_orphan()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var order = Deployment.NewOrderId();
        var orphan = Deployment.NewOrderId();
        await scenario.CompleteAsync(order, paid: true, cts.Token);
        await scenario.Ledger.AddRowAsync(orphan, "Declined", "ch_orphan", "card_declined", cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(order)], cts.Token);

        ReportAssert.Exactly(report, (DiscrepancyKinds.OrphanLedgerRow, orphan));
        Assert.Equal((1, 2), (report.OrphanLedgerRows, report.LedgerRows));
    }

    [Fact]
    public async Task Ledger_outcome_disagreeing_with_the_final_status_is_reported()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var paidButDeclinedInLedger = Deployment.NewOrderId();
        var failedButSucceededInLedger = Deployment.NewOrderId();
        await scenario.Nats.PublishOrderAsync(paidButDeclinedInLedger, cancellationToken: cts.Token);
        var (charge, _) = await scenario.Provider.ChargeAsync(paidButDeclinedInLedger, "cust-1", cancellationToken: cts.Token);
        await scenario.Ledger.AddRowAsync(paidButDeclinedInLedger, "Declined", charge, "card_declined", cts.Token);
        await scenario.Nats.SetStatusAsync(paidButDeclinedInLedger, FinalStatuses.Paid, paymentId: charge, cancellationToken: cts.Token);
        await scenario.Nats.PublishOrderAsync(failedButSucceededInLedger, "decline-1", cts.Token);
        var (declined, _) = await scenario.Provider.ChargeAsync(failedButSucceededInLedger, "decline-1", cancellationToken: cts.Token);
        await scenario.Ledger.AddRowAsync(failedButSucceededInLedger, "Succeeded", declined, cancellationToken: cts.Token);
        await scenario.Nats.SetStatusAsync(failedButSucceededInLedger, FinalStatuses.PaymentFailed, "card_declined", cancellationToken: cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(paidButDeclinedInLedger), new(failedButSucceededInLedger)], cts.Token);

        ReportAssert.Exactly(report,
            (DiscrepancyKinds.LedgerStatusMismatch, paidButDeclinedInLedger), (DiscrepancyKinds.LedgerStatusMismatch, failedButSucceededInLedger));
        Assert.Equal("ledger says Declined (card_declined), the status bucket says Paid",
            report.Discrepancies.Single(d => d.OrderId == paidButDeclinedInLedger).Detail);
    }

    [Fact]
    public async Task Finished_order_without_a_ledger_row_or_with_another_charge_in_it_is_reported()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var noRow = Deployment.NewOrderId();
        var otherCharge = Deployment.NewOrderId();
        foreach (var order in new[] { noRow, otherCharge })
        {
            await scenario.Nats.PublishOrderAsync(order, cancellationToken: cts.Token);
            var (charge, _) = await scenario.Provider.ChargeAsync(order, "cust-1", cancellationToken: cts.Token);
            await scenario.Nats.SetStatusAsync(order, FinalStatuses.Paid, paymentId: charge, cancellationToken: cts.Token);
        }

        await scenario.Ledger.AddRowAsync(otherCharge, "Succeeded", "ch_not_at_the_provider", cancellationToken: cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(noRow), new(otherCharge)], cts.Token);

        ReportAssert.Exactly(report, (DiscrepancyKinds.LedgerRowMissing, noRow), (DiscrepancyKinds.LedgerChargeMismatch, otherCharge));
    }
}
