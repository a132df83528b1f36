using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

[Collection(NatsCollection.Name)]
public sealed class SharedDurableTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Two_bridges_on_one_durable_process_every_message_and_lose_none()
    {
        using var timeout = TestTimeout.Start(120);
        await using var function = await ScriptedFunction.StartAsync();
        var prefix = BridgeUnderTest.NewPrefix();
        var route = new Dictionary<string, string?> { ["BatchSize"] = "16" };
        await using var first = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, route, prefix);
        await using var second = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, route, prefix);

        var ids = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            ids.Add(await (i % 2 == 0 ? first : second).PublishOrderAsync(timeout.Token));
        }

        await Poll.UntilAsync(async () => await SettlementTests.Settled(first, timeout.Token), TimeSpan.FromSeconds(60), "all 300 settled", cancellationToken: timeout.Token);
        Assert.Equal(ids, function.Received.Select(r => SubjectNames.LastToken(r.Message.Subject)).ToHashSet());
        Assert.Equal(300, first.Counters.Get("acked", BridgeUnderTest.RouteName) + second.Counters.Get("acked", BridgeUnderTest.RouteName));
        Assert.True(first.Counters.Get("acked", BridgeUnderTest.RouteName) > 0, "the first bridge took part");
        Assert.True(second.Counters.Get("acked", BridgeUnderTest.RouteName) > 0, "the second bridge took part");
    }

    [Fact]
    public async Task Batch_slower_than_ack_wait_is_not_redelivered_while_in_flight()
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, new Dictionary<string, string?>
        {
            ["AckWait"] = "00:00:02",
            ["HttpTimeout"] = "00:00:20",
        });
        function.Gate.Reset();

        await bridge.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => function.Received.Count == 1, TimeSpan.FromSeconds(20), "the batch to be in flight", cancellationToken: timeout.Token);
        await Task.Delay(TimeSpan.FromSeconds(6), timeout.Token); // three ack waits: without in-progress acks it would come back
        function.Gate.Set();

        await Poll.UntilAsync(async () => await SettlementTests.Settled(bridge, timeout.Token), TimeSpan.FromSeconds(20), "the ack", cancellationToken: timeout.Token);
        Assert.Single(function.Received);
        Assert.Equal(0, bridge.Counters.Get("naked", BridgeUnderTest.RouteName, "dispatch_failed"));
    }
}
