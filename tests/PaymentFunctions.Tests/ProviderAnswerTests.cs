using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>
/// Provider answers that are not an outcome of the charge (auth, routing, a non-final status) through the handler,
/// the simulator, the ledger and the PAYMENTS stream: never a final payment, and paid once when the provider is healthy.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class ProviderAnswerTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Theory]
    [InlineData(401, OutcomeReasons.ProviderAuthRejected)]
    [InlineData(403, OutcomeReasons.ProviderAuthRejected)]
    [InlineData(404, OutcomeReasons.ProviderNotFound)]
    public async Task An_error_status_is_RETRY_with_no_ledger_row_and_the_order_is_paid_once_when_the_provider_is_healthy(int status, string reason)
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var order = Batches.Order();
        var batch = Batches.Of(scenario.App.Topology, order);
        await scenario.Provider.SetFaultsAsync(errorStatus: status, cancellationToken: timeout.Token);

        var refused = Assert.Single((await scenario.App.Handler.HandleAsync(batch, timeout.Token)).Outcomes);

        Assert.Equal((Outcome.Retry, reason), (refused.Outcome, refused.Reason));
        await AssertNothingRecordedAsync(scenario, order, timeout.Token);
        await scenario.Provider.SetFaultsAsync(cancellationToken: timeout.Token);
        await AssertPaidOnceAsync(scenario, order, Batches.Redelivered(batch, 2), timeout.Token);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("requires_action")]
    public async Task A_non_final_charge_status_is_RETRY_never_Paid_and_a_later_delivery_records_the_final_one(string chargeStatus)
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var order = Batches.Order();
        var batch = Batches.Of(scenario.App.Topology, order);
        await scenario.Provider.SetFaultsAsync(chargeStatus: chargeStatus, cancellationToken: timeout.Token);

        var pending = Assert.Single((await scenario.App.Handler.HandleAsync(batch, timeout.Token)).Outcomes);

        Assert.Equal((Outcome.Retry, OutcomeReasons.ProviderPending), (pending.Outcome, pending.Reason));
        await AssertNothingRecordedAsync(scenario, order, timeout.Token);
        var charge = Assert.Single(await scenario.Provider.ChargesAsync(timeout.Token));
        await scenario.Provider.SetFaultsAsync(cancellationToken: timeout.Token);
        Assert.Equal(charge.Id, await AssertPaidOnceAsync(scenario, order, Batches.Redelivered(batch, 2), timeout.Token));
    }

    [Fact]
    public async Task A_charge_that_timed_out_then_got_a_403_on_redelivery_is_not_failed_and_ends_paid_with_that_charge()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, new Dictionary<string, string?>
        {
            ["Payments:Provider:AttemptTimeout"] = "00:00:01",
            ["Payments:Provider:TotalTimeout"] = "00:00:03",
            ["Payments:Provider:MaxRetries"] = "0",
        });
        var order = Batches.Order();
        var batch = Batches.Of(scenario.App.Topology, order);
        await scenario.Provider.SetFaultsAsync(latencyMs: 2500, cancellationToken: timeout.Token);
        var slow = Assert.Single((await scenario.App.Handler.HandleAsync(batch, timeout.Token)).Outcomes);
        Assert.Equal((Outcome.Retry, OutcomeReasons.ProviderTimeout), (slow.Outcome, slow.Reason));
        var charge = Assert.Single(await scenario.Provider.ChargesAsync(timeout.Token));
        await scenario.Provider.SetFaultsAsync(errorStatus: 403, cancellationToken: timeout.Token);

        var forbidden = Assert.Single((await scenario.App.Handler.HandleAsync(Batches.Redelivered(batch, 2), timeout.Token)).Outcomes);

        Assert.Equal((Outcome.Retry, OutcomeReasons.ProviderAuthRejected), (forbidden.Outcome, forbidden.Reason));
        await AssertNothingRecordedAsync(scenario, order, timeout.Token);
        await scenario.Provider.SetFaultsAsync(cancellationToken: timeout.Token);
        Assert.Equal(charge.Id, await AssertPaidOnceAsync(scenario, order, Batches.Redelivered(batch, 3), timeout.Token));
    }

    private static async Task AssertNothingRecordedAsync(PaymentScenario scenario, OrderCreated order, CancellationToken cancellationToken)
    {
        Assert.Null(await scenario.App.LedgerRowAsync(order.OrderId, cancellationToken));
        Assert.Empty(await PaymentsStream.ReadAllAsync(scenario.App.Services, cancellationToken));
    }

    /// <summary>Delivers <paramref name="batch"/> until it is acked; asserts one succeeded charge, row and event; returns the charge id.</summary>
    private static async Task<string> AssertPaidOnceAsync(PaymentScenario scenario, OrderCreated order, DispatchBatch batch, CancellationToken cancellationToken)
    {
        // A busy machine may still time out once, as the bridge would see; it redelivers.
        await Poll.UntilAsync(
            async () => Assert.Single((await scenario.App.Handler.HandleAsync(batch, cancellationToken)).Outcomes).Outcome == Outcome.Ack,
            TimeSpan.FromSeconds(20), "the redelivered order to be acked", TimeSpan.FromMilliseconds(100), cancellationToken);
        var charge = Assert.Single(await scenario.Provider.ChargesAsync(cancellationToken));
        Assert.Equal(("succeeded", order.OrderId), (charge.Status, charge.OrderId));
        var row = await scenario.App.LedgerRowAsync(order.OrderId, cancellationToken);
        Assert.Equal((PaymentStatus.Succeeded, charge.Id), (row!.Status, row.ChargeId));
        var payment = Assert.Single(await PaymentsStream.ReadAllAsync(scenario.App.Services, cancellationToken)).Event;
        Assert.Equal((PaymentStatus.Succeeded, charge.Id), (payment.Status, payment.PaymentId));
        return charge.Id;
    }
}
