using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.PaymentFunctions.Provider;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>Which provider answers are retried at once and count towards the breaker, against the simulator.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class ProviderAnswerBreakerTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Payments:Provider:MaxRetries"] = "2",
        ["Payments:Provider:BreakerFailureThreshold"] = "5",
        ["Payments:Provider:BreakDuration"] = "00:00:02",
    };

    [Fact]
    public async Task Auth_failures_are_retried_and_open_the_breaker_after_5()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, Settings);
        await scenario.Provider.SetFaultsAsync(errorStatus: 401, cancellationToken: timeout.Token);

        var first = await HandleOneAsync(scenario, timeout.Token);
        var second = await HandleOneAsync(scenario, timeout.Token);
        var third = await HandleOneAsync(scenario, timeout.Token);

        Assert.Equal((Outcome.Retry, OutcomeReasons.ProviderAuthRejected), (first.Outcome, first.Reason));
        // The second order's own attempts opened the breaker: it reports how they failed, not "nothing tried".
        Assert.Equal((Outcome.Retry, OutcomeReasons.ProviderAuthRejected), (second.Outcome, second.Reason));
        Assert.Equal((Outcome.Retry, OutcomeReasons.BreakerOpen), (third.Outcome, third.Reason));
        Assert.Equal(5, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
        Assert.Equal(CircuitState.Open, scenario.App.Services.GetRequiredService<ProviderCircuitState>().State);
    }

    [Theory]
    [InlineData(400, null, OutcomeReasons.ProviderRequestRejected)]
    [InlineData(null, "pending", OutcomeReasons.ProviderPending)]
    public async Task A_rejected_request_or_a_pending_charge_is_asked_once_per_delivery_and_keeps_the_breaker_closed(int? errorStatus, string? chargeStatus, string reason)
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, Settings);
        await scenario.Provider.SetFaultsAsync(errorStatus: errorStatus, chargeStatus: chargeStatus, cancellationToken: timeout.Token);

        for (var i = 0; i < 6; i++)
        {
            var outcome = await HandleOneAsync(scenario, timeout.Token);
            Assert.Equal((Outcome.Retry, reason), (outcome.Outcome, outcome.Reason));
        }

        Assert.Equal(6, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
        Assert.Equal(CircuitState.Closed, scenario.App.Services.GetRequiredService<ProviderCircuitState>().State);
    }

    private static async Task<MessageOutcome> HandleOneAsync(PaymentScenario scenario, CancellationToken cancellationToken) =>
        Assert.Single((await scenario.App.Handler.HandleAsync(Batches.Of(scenario.App.Topology, Batches.Order()), cancellationToken)).Outcomes);
}
