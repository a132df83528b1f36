using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

[Collection(NatsCollection.Name)]
public sealed class LingerTests(NatsServerFixture nats)
{
    /// <summary>Polls that must see a linger start or a dispatch end well within the linger: every 5 ms.</summary>
    private static readonly TimeSpan Tight = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Closes <paramref name="function"/>'s gate for its first batch only (the bridge's empty probe before its first
    /// fetch not counted) and returns the sizes of the batches it gets, in order.
    /// </summary>
    private static ConcurrentQueue<int> HoldFirstBatch(ScriptedFunction function)
    {
        var sizes = new ConcurrentQueue<int>();
        function.HoldIf = batch =>
        {
            if (batch.Messages.Count == 0)
            {
                return false;
            }

            sizes.Enqueue(batch.Messages.Count);
            return sizes.Count == 1;
        };
        function.Gate.Reset();
        return sizes;
    }

    [Fact]
    public async Task While_a_batch_is_at_the_function_the_next_one_waits_for_company()
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
        var sizes = HoldFirstBatch(function);
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, new Dictionary<string, string?>
        {
            ["MaxBatchesInFlight"] = "2",
            ["Linger"] = "00:00:01",
        });

        // The first batch stays at the function. The second order finds the route busy and waits: the order published
        // once it waits (within the linger, the longest there is; without it the second order would be on its way
        // alone) joins it.
        await bridge.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => sizes.Count == 1, TimeSpan.FromSeconds(20), "the first batch at the function", cancellationToken: timeout.Token);
        var second = await bridge.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => bridge.KeysUnderWay().Contains(second), TimeSpan.FromSeconds(20), "the second order lingering", Tight, timeout.Token);
        await bridge.PublishOrderAsync(timeout.Token);

        await Poll.UntilAsync(() => function.Received.Count == 3, TimeSpan.FromSeconds(20), "every order at the function", cancellationToken: timeout.Token);
        function.Gate.Set();
        await Poll.UntilAsync(() => bridge.Counters.Get("acked", BridgeUnderTest.RouteName) == 3, TimeSpan.FromSeconds(20), "every order acked", cancellationToken: timeout.Token);

        Assert.Equal([1, 2], sizes);
    }

    [Fact]
    public async Task A_message_whose_only_company_at_the_function_is_its_own_order_does_not_wait()
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
        var sizes = HoldFirstBatch(function);
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, new Dictionary<string, string?>
        {
            ["MaxBatchesInFlight"] = "2",
            ["Linger"] = "00:00:01",
        });

        // The order's first message stays at the function, as a payment batch does while its PaymentProcessed is
        // already on the next route. The order's next message finds only its own order there: it goes at once.
        var orderId = await bridge.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => sizes.Count == 1, TimeSpan.FromSeconds(20), "the first batch at the function", cancellationToken: timeout.Token);
        var published = Stopwatch.StartNew();
        await bridge.PublishFollowUpAsync(orderId, timeout.Token);
        await Poll.UntilAsync(() => bridge.Counters.Get("acked", BridgeUnderTest.RouteName) == 1, TimeSpan.FromSeconds(20), "the follow-up acked", cancellationToken: timeout.Token);

        Assert.True(published.Elapsed < TimeSpan.FromMilliseconds(800), $"the follow-up took {published.Elapsed.TotalMilliseconds:0} ms");
        function.Gate.Set();
        await Poll.UntilAsync(() => bridge.Counters.Get("acked", BridgeUnderTest.RouteName) == 2, TimeSpan.FromSeconds(20), "both acked", cancellationToken: timeout.Token);
        Assert.Equal([1, 1], sizes);
    }

    [Fact]
    public async Task A_batch_lingering_on_one_route_makes_a_message_on_another_route_wait_for_company()
    {
        using var timeout = TestTimeout.Start(60);
        await using var orders = await ScriptedFunction.StartAsync();
        await using var followUps = await ScriptedFunction.StartAsync();
        orders.HoldIf = _ => false;
        var sizes = HoldFirstBatch(followUps);
        const string FollowUpRoute = "follow-ups";
        await using var bridge = await BridgeUnderTest.StartAsync(
            nats.Server.Url,
            orders.Url,
            new Dictionary<string, string?> { ["FilterSubject"] = "orders.created.*", ["Linger"] = "00:00:01" },
            otherRoutes: new Dictionary<string, IDictionary<string, string?>>
            {
                [FollowUpRoute] = new Dictionary<string, string?>
                {
                    ["Stream"] = "ORDERS",
                    ["FilterSubject"] = "orders.created.again.>",
                    ["Url"] = followUps.Url,
                    ["FetchExpires"] = "00:00:02",
                    ["MaxBatchesInFlight"] = "2",
                    ["Linger"] = "00:00:01",
                },
            });

        // A follow-up stays at its function, so the order published next lingers on the other route.
        await bridge.PublishFollowUpAsync("first", timeout.Token);
        await Poll.UntilAsync(() => sizes.Count == 1, TimeSpan.FromSeconds(20), "the first follow-up at its function", cancellationToken: timeout.Token);
        var order = await bridge.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => bridge.KeysUnderWay().Contains(order), TimeSpan.FromSeconds(20), "the order lingering", Tight, timeout.Token);

        // The held follow-up goes; now only the lingering order is under way. A follow-up of another order arriving
        // during that linger waits for company too (were the lingering order not counted, it would go alone), and
        // the one published once it waits joins it.
        followUps.Gate.Set();
        await Poll.UntilAsync(() => !bridge.KeysUnderWay().Contains("first"), TimeSpan.FromSeconds(20), "the first follow-up answered", Tight, timeout.Token);
        Assert.Equal(0, bridge.Counters.Get("acked", BridgeUnderTest.RouteName));
        await bridge.PublishFollowUpAsync("second", timeout.Token);
        await Poll.UntilAsync(() => bridge.KeysUnderWay().Contains("second"), TimeSpan.FromSeconds(20), "the second follow-up lingering", Tight, timeout.Token);
        await bridge.PublishFollowUpAsync("third", timeout.Token);

        await Poll.UntilAsync(() => bridge.Counters.Get("acked", FollowUpRoute) == 3, TimeSpan.FromSeconds(20), "every follow-up acked", cancellationToken: timeout.Token);
        await Poll.UntilAsync(() => bridge.Counters.Get("acked", BridgeUnderTest.RouteName) == 1, TimeSpan.FromSeconds(20), "the order acked", cancellationToken: timeout.Token);
        Assert.Equal([1, 2], sizes);
    }

    [Fact]
    public async Task With_the_function_idle_a_message_does_not_wait()
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
        function.HoldIf = _ => false;
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, new Dictionary<string, string?>
        {
            ["Linger"] = "00:00:01",
        });

        for (var i = 1; i <= 3; i++)
        {
            var published = Stopwatch.StartNew();
            await bridge.PublishOrderAsync(timeout.Token);
            await Poll.UntilAsync(() => bridge.Counters.Get("acked", BridgeUnderTest.RouteName) == i, TimeSpan.FromSeconds(20), $"order {i} acked", cancellationToken: timeout.Token);

            // Well under the linger: the batch went out as soon as it was fetched.
            Assert.True(published.Elapsed < TimeSpan.FromMilliseconds(800), $"order {i} took {published.Elapsed.TotalMilliseconds:0} ms");
        }
    }
}
