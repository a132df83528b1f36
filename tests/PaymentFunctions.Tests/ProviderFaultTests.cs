using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.PaymentFunctions.Provider;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>Faults injected into the simulator while the handler runs against real servers.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class ProviderFaultTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);

    /// <summary>Three attempts per charge; five failures in a row open the breaker for <see cref="BreakDuration"/>.</summary>
    private static readonly Dictionary<string, string?> BreakerAfterFive = new()
    {
        ["Payments:Provider:MaxRetries"] = "2",
        ["Payments:Provider:BreakerFailureThreshold"] = "5",
        ["Payments:Provider:BreakDuration"] = BreakDuration.ToString(),
    };

    [Fact]
    public async Task An_order_whose_attempt_failed_before_the_breaker_opened_is_not_answered_breaker_open()
    {
        using var timeout = TestTimeout.Start(60);
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, BreakerAfterFive);
        await scenario.Provider.SetFaultsAsync(outage: true, cancellationToken: timeout.Token);
        var reasons = new List<string>();
        foreach (var order in Enumerable.Range(0, 3).Select(_ => Batches.Order()))
        {
            reasons.Add(Assert.Single((await scenario.App.Handler.HandleAsync(Batches.Of(scenario.App.Topology, order), timeout.Token)).Outcomes).Reason);
        }

        // The second order's retry met the breaker its own failures opened: it was tried, and "breaker_open" would
        // tell the bridge nothing was, so that the bridge would send it again as a first delivery (no search first).
        Assert.Equal([OutcomeReasons.ProviderUnavailable, OutcomeReasons.ProviderUnavailable, OutcomeReasons.BreakerOpen], reasons);
        Assert.Equal(5, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
    }

    [Fact]
    public async Task Provider_outage_opens_the_breaker_after_5_failures_then_charging_resumes_after_recovery()
    {
        using var timeout = TestTimeout.Start(90);
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, BreakerAfterFive);
        var handler = scenario.App.Handler;
        var orders = new List<OrderCreated>();
        await scenario.Provider.SetFaultsAsync(outage: true, cancellationToken: timeout.Token);

        // Outage: the first order uses up its 3 attempts, the second opens the breaker on the 5th failure.
        MessageOutcome? outcome = null;
        for (var i = 0; i < 5 && outcome?.Reason != OutcomeReasons.BreakerOpen; i++)
        {
            orders.Add(Batches.Order());
            outcome = Assert.Single((await handler.HandleAsync(Batches.Of(scenario.App.Topology, orders[^1]), timeout.Token)).Outcomes);
            Assert.Equal(Outcome.Retry, outcome.Outcome);
        }

        Assert.Equal(OutcomeReasons.BreakerOpen, outcome!.Reason);
        Assert.Equal(5, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
        Assert.Equal(CircuitState.Open, scenario.App.Services.GetRequiredService<ProviderCircuitState>().State);

        // While open, nothing reaches the provider and every message is told to come back after the break.
        orders.AddRange(Enumerable.Range(0, 4).Select(_ => Batches.Order()));
        var whileOpen = await handler.HandleAsync(Batches.Of(scenario.App.Topology, [.. orders]), timeout.Token);
        Assert.All(whileOpen.Outcomes, o =>
        {
            Assert.Equal((Outcome.Retry, OutcomeReasons.BreakerOpen), (o.Outcome, o.Reason));
            Assert.InRange(o.RetryDelay.ToTimeSpan(), TimeSpan.FromMilliseconds(1), BreakDuration);
        });
        Assert.Equal(5, await scenario.Provider.ChargeRequestsAsync(timeout.Token));

        // Recovery: after the break a trial call closes the breaker and every order is charged, once.
        await scenario.Provider.SetFaultsAsync(cancellationToken: timeout.Token);
        await Poll.UntilAsync(
            async () => (await handler.HandleAsync(Batches.Of(scenario.App.Topology, [.. orders]), timeout.Token))
                .Outcomes.All(o => o.Outcome == Outcome.Ack),
            TimeSpan.FromSeconds(30), "every order to be acked after recovery", TimeSpan.FromMilliseconds(250), timeout.Token);

        var charges = await scenario.Provider.ChargesAsync(timeout.Token);
        Assert.All(orders, order => Assert.Single(charges, c => c.OrderId == order.OrderId));
        Assert.Equal(orders.Count, (await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token)).Count);
        Assert.Equal(CircuitState.Closed, scenario.App.Services.GetRequiredService<ProviderCircuitState>().State);
    }

    [Fact]
    public async Task Provider_slower_than_the_timeout_gives_RETRY_and_the_later_retry_does_not_charge_twice()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, new Dictionary<string, string?>
        {
            ["Payments:Provider:AttemptTimeout"] = "00:00:00.300",
            ["Payments:Provider:TotalTimeout"] = "00:00:02",
            ["Payments:Provider:MaxRetries"] = "1",
        });
        var order = Batches.Order();
        var batch = Batches.Of(scenario.App.Topology, order);
        await scenario.Provider.SetFaultsAsync(latencyMs: 1500, cancellationToken: timeout.Token);

        var slow = Assert.Single((await scenario.App.Handler.HandleAsync(batch, timeout.Token)).Outcomes);

        Assert.Equal((Outcome.Retry, OutcomeReasons.ProviderTimeout), (slow.Outcome, slow.Reason));
        Assert.True(slow.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        await Poll.UntilAsync(async () => await scenario.Provider.ChargeRequestsAsync(timeout.Token) == 2,
            TimeSpan.FromSeconds(10), "both attempts to reach the provider", cancellationToken: timeout.Token);
        Assert.Null(await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token));
        var charge = Assert.Single(await scenario.Provider.ChargesAsync(timeout.Token));

        // Redelivered until it succeeds, as the bridge would (a busy machine may still time out once).
        await scenario.Provider.SetFaultsAsync(cancellationToken: timeout.Token);
        await Poll.UntilAsync(
            async () => Assert.Single((await scenario.App.Handler.HandleAsync(batch, timeout.Token)).Outcomes).Outcome == Outcome.Ack,
            TimeSpan.FromSeconds(20), "the redelivered order to be acked", TimeSpan.FromMilliseconds(100), timeout.Token);

        Assert.Equal(charge.Id, Assert.Single(await scenario.Provider.ChargesAsync(timeout.Token)).Id);
        var payment = Assert.Single(await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token)).Event;
        Assert.Equal((PaymentStatus.Succeeded, charge.Id), (payment.Status, payment.PaymentId));
    }
}
