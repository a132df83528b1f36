using System.Diagnostics;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>The bridge as a real process: killed, stopped, or run twice on one durable.</summary>
[Collection(NatsCollection.Name)]
public sealed class ProcessLifecycleTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Bridge_killed_mid_batch_leaves_the_batch_to_a_new_bridge_and_loses_nothing()
    {
        using var timeout = TestTimeout.Start(120);
        await using var function = await ScriptedFunction.StartAsync();
        var prefix = BridgeUnderTest.NewPrefix();
        var environment = BridgeProcess.Environment(nats.Server.Url, prefix, function.Url, new Dictionary<string, string> { ["AckWait"] = "00:00:04" });
        await using var publisher = await BridgeUnderTest.StartAsync(nats.Server.Url, "http://127.0.0.1:9/unused", new Dictionary<string, string?> { ["Consumer"] = "idle", ["Stream"] = "PAYMENTS", ["FilterSubject"] = "payments.>" }, prefix);
        var ids = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await publisher.PublishOrderAsync(timeout.Token));
        }

        function.Gate.Reset();
        await using (var first = await BridgeProcess.StartAsync(environment, timeout.Token))
        {
            await Poll.UntilAsync(() => !function.Received.IsEmpty, TimeSpan.FromSeconds(20), "the first batch to arrive", cancellationToken: timeout.Token);
            await first.Process.KillAsync();
        }

        function.Gate.Set();
        await using var second = await BridgeProcess.StartAsync(environment, timeout.Token);
        await Poll.UntilAsync(async () => await SettlementTests.Settled(publisher, timeout.Token, "test"), TimeSpan.FromSeconds(60), "every message settled by the new bridge", cancellationToken: timeout.Token);

        var received = function.Received.Select(r => SubjectNames.LastToken(r.Message.Subject)).ToHashSet();
        Assert.Equal(ids, received);
        Assert.Contains(function.Received, r => r.Message.DeliveryCount >= 2);
    }

    [Fact]
    public async Task Sigterm_mid_batch_settles_the_batch_and_exits_zero_within_the_deadline()
    {
        using var timeout = TestTimeout.Start(120);
        await using var function = await ScriptedFunction.StartAsync();
        var prefix = BridgeUnderTest.NewPrefix();
        await using var publisher = await BridgeUnderTest.StartAsync(nats.Server.Url, "http://127.0.0.1:9/unused", new Dictionary<string, string?> { ["Consumer"] = "idle", ["Stream"] = "PAYMENTS", ["FilterSubject"] = "payments.>" }, prefix);
        for (var i = 0; i < 5; i++)
        {
            await publisher.PublishOrderAsync(timeout.Token);
        }

        function.Gate.Reset();
        await using var bridge = await BridgeProcess.StartAsync(
            BridgeProcess.Environment(nats.Server.Url, prefix, function.Url, new Dictionary<string, string> { ["AckWait"] = "00:00:30" }), timeout.Token);
        await Poll.UntilAsync(() => function.Received.Count == 5, TimeSpan.FromSeconds(20), "the batch to be in flight", cancellationToken: timeout.Token);
        var clock = Stopwatch.StartNew();
        var stopping = bridge.Process.TerminateAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
        function.Gate.Set();
        var exitedByItself = await stopping;

        Assert.True(exitedByItself, bridge.Process.ReadLog());
        Assert.Equal(0, bridge.Process.ExitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        var info = await publisher.ConsumerInfoAsync(timeout.Token, "test");
        Assert.Equal(0, info.NumAckPending);
        Assert.Equal(0UL, info.NumPending);
        Assert.Equal(5UL, info.AckFloor.StreamSeq);
        Assert.Equal(5, function.Received.Count);
    }
}
