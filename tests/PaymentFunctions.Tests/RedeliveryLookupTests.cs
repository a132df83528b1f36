using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>
/// A delivery that is not the first (redelivered, or replayed from the dead-letter stream) of an order with no ledger
/// row asks the provider whether the order was charged before it charges: the provider may have forgotten the key.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class RedeliveryLookupTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    /// <summary>One attempt per delivery, and one the simulator's latency outlasts.</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Payments:Provider:AttemptTimeout"] = "00:00:01",
        ["Payments:Provider:TotalTimeout"] = "00:00:03",
        ["Payments:Provider:MaxRetries"] = "0",
    };

    private static readonly Dictionary<string, string> ForgetfulProvider = new() { ["Simulator:IdempotencyKeyTtl"] = "00:00:01" };

    [Theory]
    [InlineData("redelivered")]
    [InlineData("replayed")]
    [InlineData("sent again after a timeout")]
    public async Task A_charge_whose_key_the_provider_forgot_is_recorded_on_redelivery_or_replay_and_not_made_again(string how)
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, Settings, ForgetfulProvider);
        var order = Batches.Order();
        var batch = Batches.Of(scenario.App.Topology, order);
        var charge = await ChargedButTimedOutAsync(scenario, batch, timeout.Token);

        var again = how switch
        {
            "replayed" => Batches.Replayed(batch),
            "redelivered" => Batches.Redelivered(batch, 2),
            _ => Batches.SentAgain(batch),
        };
        await AckedAsync(scenario, again, timeout.Token);

        Assert.Equal(charge.Id, Assert.Single(await scenario.Provider.ChargesAsync(timeout.Token)).Id);
        Assert.Equal(1, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
        var row = await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token);
        Assert.Equal((PaymentStatus.Succeeded, charge.Id), (row!.Status, row.ChargeId));
        var payment = Assert.Single(await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token)).Event;
        Assert.Equal((PaymentStatus.Succeeded, charge.Id), (payment.Status, payment.PaymentId));
    }

    [Fact]
    public async Task A_declined_charge_found_on_redelivery_is_recorded_as_declined_without_asking_again()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, Settings, ForgetfulProvider);
        var order = Batches.Order("decline-9");
        var batch = Batches.Of(scenario.App.Topology, order);
        var charge = await ChargedButTimedOutAsync(scenario, batch, timeout.Token);

        await AckedAsync(scenario, Batches.Redelivered(batch, 2), timeout.Token);

        Assert.Equal(charge.Id, Assert.Single(await scenario.Provider.ChargesAsync(timeout.Token)).Id);
        Assert.Equal(1, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
        var row = await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token);
        Assert.Equal((PaymentStatus.Declined, "card_declined", charge.Id), (row!.Status, row.Reason, row.ChargeId));
    }

    [Theory]
    [InlineData(503, null, OutcomeReasons.ProviderUnavailable)]
    [InlineData(401, null, OutcomeReasons.ProviderAuthRejected)]
    [InlineData(null, "pending", OutcomeReasons.ProviderPending)]
    public async Task A_redelivery_whose_search_gives_no_final_answer_is_RETRY_and_charges_nothing(int? errorStatus, string? chargeStatus, string reason)
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, Settings, ForgetfulProvider);
        var order = Batches.Order();
        var batch = Batches.Of(scenario.App.Topology, order);
        await ChargedButTimedOutAsync(scenario, batch, timeout.Token);
        await scenario.Provider.SetFaultsAsync(errorStatus: errorStatus, chargeStatus: chargeStatus, cancellationToken: timeout.Token);

        var outcome = Assert.Single((await scenario.App.Handler.HandleAsync(Batches.Redelivered(batch, 2), timeout.Token)).Outcomes);

        Assert.Equal((Outcome.Retry, reason), (outcome.Outcome, outcome.Reason));
        var stats = await scenario.Provider.StatsAsync(timeout.Token);
        Assert.Equal((1, 1, 1L), (stats.ChargeRequests, stats.Charges, stats.SearchRequests));
        Assert.Null(await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token));
    }

    [Fact]
    public async Task A_redelivered_order_the_provider_never_charged_is_searched_then_charged_once()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var order = Batches.Order();

        await AckedAsync(scenario, Batches.Redelivered(Batches.Of(scenario.App.Topology, order), 3), timeout.Token);

        var stats = await scenario.Provider.StatsAsync(timeout.Token);
        Assert.Equal((1, 1, 1L), (stats.ChargeRequests, stats.Charges, stats.SearchRequests));
        Assert.Equal(PaymentStatus.Succeeded, (await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token))!.Status);
    }

    [Fact]
    public async Task A_first_delivery_charges_without_searching()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);

        await AckedAsync(scenario, Batches.Of(scenario.App.Topology, Batches.Order(), Batches.Order("decline-1")), timeout.Token);

        var stats = await scenario.Provider.StatsAsync(timeout.Token);
        Assert.Equal((2, 2, 0L), (stats.ChargeRequests, stats.Charges, stats.SearchRequests));
    }

    /// <summary>First delivery: the provider records the charge but answers after the timeout; then it forgets the key.</summary>
    private static async Task<SimulatedCharge> ChargedButTimedOutAsync(PaymentScenario scenario, DispatchBatch batch, CancellationToken cancellationToken)
    {
        await scenario.Provider.SetFaultsAsync(latencyMs: 2500, cancellationToken: cancellationToken);
        var slow = Assert.Single((await scenario.App.Handler.HandleAsync(batch, cancellationToken)).Outcomes);
        Assert.Equal((Outcome.Retry, OutcomeReasons.ProviderTimeout), (slow.Outcome, slow.Reason));
        await scenario.Provider.SetFaultsAsync(cancellationToken: cancellationToken);
        await scenario.Provider.UntilKeysExpiredAsync(cancellationToken);
        return Assert.Single(await scenario.Provider.ChargesAsync(cancellationToken));
    }

    private static async Task AckedAsync(PaymentScenario scenario, DispatchBatch batch, CancellationToken cancellationToken)
    {
        var response = await scenario.App.Handler.HandleAsync(batch, cancellationToken);
        Assert.All(response.Outcomes, o => Assert.Equal((Outcome.Ack, string.Empty), (o.Outcome, o.Reason)));
    }
}
