using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

[Collection(NatsCollection.Name)]
public sealed class BreakerTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Failing_target_is_held_without_spending_deliveries_the_breaker_pauses_the_route_then_it_recovers()
    {
        using var timeout = TestTimeout.Start(90);
        await using var function = await ScriptedFunction.StartAsync();
        function.FailWith = 500;
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, new Dictionary<string, string?>
        {
            ["BreakerFailures"] = "3",
            ["BreakDuration"] = "00:00:03",
            ["MaxDeliver"] = "2",
        });

        await bridge.PublishOrderAsync(timeout.Token);

        await Poll.UntilAsync(() => bridge.Counters.Get("dispatch_failed", BridgeUnderTest.RouteName, "breaker_open") > 0,
            TimeSpan.FromSeconds(30), "the breaker to open", cancellationToken: timeout.Token);
        var failuresWhenOpened = function.Requests;
        Assert.InRange(failuresWhenOpened, 3, 4);
        Assert.Equal(0, bridge.Counters.Get("naked", BridgeUnderTest.RouteName, "dispatch_failed"));
        Assert.Contains("bridge_route_paused{route=\"test\"} 1", await bridge.MetricsAsync(timeout.Token), StringComparison.Ordinal);

        function.FailWith = null;
        await Poll.UntilAsync(async () => await SettlementTests.Settled(bridge, timeout.Token), TimeSpan.FromSeconds(30), "recovery after the break", cancellationToken: timeout.Token);
        Assert.Equal(1, bridge.Counters.Get("acked", BridgeUnderTest.RouteName));
        Assert.All(function.Received, r => Assert.Equal(1u, r.Message.DeliveryCount));
        Assert.True(function.Probes >= 1, "the bridge probes the function before it sends the held batch again");
    }

    [Fact]
    public async Task Function_reporting_its_breaker_open_pauses_fetching_for_the_asked_time()
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
        var asked = new System.Collections.Concurrent.ConcurrentDictionary<ulong, int>();
        function.Script = batch => ScriptedFunction.Answer(batch, m => asked.AddOrUpdate(m.StreamSequence, 1, (_, n) => n + 1) == 1
            ? new Contracts.Bridge.V1.MessageOutcome
            {
                Outcome = Contracts.Bridge.V1.Outcome.Retry,
                Reason = "breaker_open",
                RetryDelay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(3)),
            }
            : new Contracts.Bridge.V1.MessageOutcome { Outcome = Contracts.Bridge.V1.Outcome.Ack });
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url);

        await bridge.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => function.Received.Count == 1, TimeSpan.FromSeconds(20), "the first delivery", cancellationToken: timeout.Token);
        await Poll.UntilAsync(async () => (await bridge.MetricsAsync(timeout.Token)).Contains("bridge_route_paused{route=\"test\"} 1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5), "the route to pause", cancellationToken: timeout.Token);
        var second = await bridge.PublishOrderAsync(timeout.Token);

        await Poll.UntilAsync(async () => await SettlementTests.Settled(bridge, timeout.Token), TimeSpan.FromSeconds(30), "both acked", cancellationToken: timeout.Token);
        var deliveries = function.Received.ToArray();
        var secondArrived = deliveries.First(d => d.Message.Subject.EndsWith(second, StringComparison.Ordinal)).At;
        Assert.InRange(secondArrived - deliveries[0].At, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(20));
    }
}
