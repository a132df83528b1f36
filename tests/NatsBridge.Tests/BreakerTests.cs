using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

[Collection(NatsCollection.Name)]
public sealed class BreakerTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Failing_target_is_naked_with_backoff_the_breaker_pauses_the_route_then_it_recovers()
    {
        using var timeout = TestTimeout.Start(90);
        await using var function = await ScriptedFunction.StartAsync();
        function.Script = _ => null;
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, new Dictionary<string, string?>
        {
            ["BreakerFailures"] = "3",
            ["BreakDuration"] = "00:00:03",
            ["MaxDeliver"] = "100",
        });

        await bridge.PublishOrderAsync(timeout.Token);

        await Poll.UntilAsync(() => bridge.Metrics.Get("dispatch_failed", BridgeUnderTest.RouteName, "breaker_open") > 0,
            TimeSpan.FromSeconds(30), "the breaker to open", cancellationToken: timeout.Token);
        var failuresWhenOpened = function.Received.Count;
        Assert.InRange(failuresWhenOpened, 3, 4);
        Assert.True(bridge.Metrics.Get("naked", BridgeUnderTest.RouteName, "dispatch_failed") >= 3);

        Assert.Contains("bridge_route_paused{route=\"test\"} 1", await bridge.MetricsAsync(timeout.Token), StringComparison.Ordinal);
        function.Script = ScriptedFunction.AckAll;
        await Poll.UntilAsync(async () => await SettlementTests.Settled(bridge, timeout.Token), TimeSpan.FromSeconds(30), "recovery after the break", cancellationToken: timeout.Token);
        Assert.Equal(1, bridge.Metrics.Get("acked", BridgeUnderTest.RouteName));
    }
}
