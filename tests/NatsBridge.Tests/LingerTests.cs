using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

[Collection(NatsCollection.Name)]
public sealed class LingerTests(NatsServerFixture nats)
{
    [Fact]
    public async Task While_a_batch_is_at_the_function_the_next_one_waits_for_company()
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
        var sizes = new ConcurrentQueue<int>();
        function.HoldIf = batch =>
        {
            if (batch.Messages.Count == 0)
            {
                return false; // the bridge's probe before its first fetch
            }

            sizes.Enqueue(batch.Messages.Count);
            return sizes.Count == 1;
        };
        function.Gate.Reset();
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, new Dictionary<string, string?>
        {
            ["MaxBatchesInFlight"] = "2",
            ["Linger"] = "00:00:00.800",
        });

        // The first batch stays at the function. The second order finds the route busy and waits: the two published
        // a moment later (well within the linger; without it the second order would be on its way alone) join it.
        await bridge.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => sizes.Count == 1, TimeSpan.FromSeconds(20), "the first batch at the function", cancellationToken: timeout.Token);
        await bridge.PublishOrderAsync(timeout.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        await bridge.PublishOrderAsync(timeout.Token);
        await bridge.PublishOrderAsync(timeout.Token);

        await Poll.UntilAsync(() => function.Received.Count == 4, TimeSpan.FromSeconds(20), "every order at the function", cancellationToken: timeout.Token);
        function.Gate.Set();
        await Poll.UntilAsync(() => bridge.Counters.Get("acked", BridgeUnderTest.RouteName) == 4, TimeSpan.FromSeconds(20), "every order acked", cancellationToken: timeout.Token);

        Assert.Equal([1, 3], sizes);
    }

    [Fact]
    public async Task A_message_whose_only_company_at_the_function_is_its_own_order_does_not_wait()
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
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
