using FunctionsOrders.Reconciliation.Tests.Harness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Reconciliation.Tests;

[Collection(ReconciliationCollection.Name)]
public sealed class PaymentDiscrepancyTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task Two_succeeded_charges_under_different_idempotency_keys_are_charged_twice()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var order = Deployment.NewOrderId();
        var first = await scenario.CompleteAsync(order, paid: true, cts.Token);
        // The simulator keys charges by Idempotency-Key: the same key again is a replay, another key a new charge.
        var replay = await scenario.Provider.ChargeAsync(order, "cust-1", idempotencyKey: order, cancellationToken: cts.Token);
        var second = await scenario.Provider.ChargeAsync(order, "cust-1", idempotencyKey: order + "-again", cancellationToken: cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(order, FinalStatuses.Paid)], cts.Token);

        Assert.Equal(first, replay.Id);
        Assert.NotEqual(first, second.Id);
        ReportAssert.Exactly(report, (DiscrepancyKinds.ChargedTwice, order));
        Assert.Equal((1, 1), (report.ChargedTwice, report.Paid));
        Assert.Contains(first, report.Discrepancies[0].Detail, StringComparison.Ordinal);
        Assert.Contains(second.Id, report.Discrepancies[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paid_order_without_a_charge_and_a_charge_for_an_unknown_order_are_reported()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var uncharged = Deployment.NewOrderId();
        var stranger = Deployment.NewOrderId();
        await scenario.Nats.PublishOrderAsync(uncharged, cancellationToken: cts.Token);
        await scenario.Ledger.AddRowAsync(uncharged, "Succeeded", "ch_made_up", cancellationToken: cts.Token);
        await scenario.Nats.SetStatusAsync(uncharged, FinalStatuses.Paid, paymentId: "ch_made_up", cancellationToken: cts.Token);
        await scenario.Provider.ChargeAsync(stranger, "cust-1", cancellationToken: cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(uncharged)], cts.Token);

        ReportAssert.Exactly(report, (DiscrepancyKinds.PaidNotCharged, uncharged), (DiscrepancyKinds.ChargeWithoutOrder, stranger));
    }

    [Fact]
    public async Task Payment_failed_order_with_a_succeeded_charge_is_failed_but_charged()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var order = Deployment.NewOrderId();
        await scenario.Nats.PublishOrderAsync(order, cancellationToken: cts.Token);
        var (chargeId, _) = await scenario.Provider.ChargeAsync(order, "cust-1", cancellationToken: cts.Token);
        await scenario.Ledger.AddRowAsync(order, "Failed", chargeId, "provider_rejected", cts.Token);
        await scenario.Nats.SetStatusAsync(order, FinalStatuses.PaymentFailed, "provider_rejected", cancellationToken: cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);

        var report = await scenario.CheckAsync([new(order)], cts.Token);

        ReportAssert.Exactly(report, (DiscrepancyKinds.FailedButCharged, order));
    }
}
