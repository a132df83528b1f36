using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>
/// A message at the bridge's last allowed delivery that the bridge could not settle for good: it must come back,
/// never be left at the server's own delivery limit.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class LastDeliveryTests(NatsServerFixture nats)
{
    private static readonly MessageOutcome Retry = new()
    {
        Outcome = Outcome.Retry,
        Reason = "flaky",
        RetryDelay = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)),
    };

    [Fact]
    public async Task Dead_letter_stream_refusing_the_copy_at_the_last_delivery_keeps_the_message_until_it_accepts()
    {
        using var timeout = TestTimeout.Start(120);
        await using var function = await ScriptedFunction.StartAsync();
        function.Script = batch => ScriptedFunction.Answer(batch, _ => Retry.Clone());
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, new Dictionary<string, string?> { ["MaxDeliver"] = "2" });
        var deadLetters = bridge.Topology.Streams().Single(s => s.Name == bridge.Topology.DeadLetterStream);
        await bridge.Js.DeleteStreamAsync(deadLetters.Name!, timeout.Token);

        var id = await bridge.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => bridge.Counters.Get("naked", BridgeUnderTest.RouteName, "deadletter_failed") >= 2,
            TimeSpan.FromSeconds(60), "the dead-letter copy to fail twice", cancellationToken: timeout.Token);
        await bridge.Js.CreateStreamAsync(deadLetters, timeout.Token);

        await Poll.UntilAsync(async () => await DeadLetterCountAsync(bridge, timeout.Token) == 1, TimeSpan.FromSeconds(60),
            "the message in the dead-letter stream once it accepts writes again", cancellationToken: timeout.Token);
        await Poll.UntilAsync(async () => await SettlementTests.Settled(bridge, timeout.Token), TimeSpan.FromSeconds(20), "the termination", cancellationToken: timeout.Token);
        Assert.All(function.Received, r => Assert.EndsWith(id, r.Message.Subject, StringComparison.Ordinal));
        Assert.True(function.Received.Count >= 3, $"{function.Received.Count} deliveries");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bridge_stopped_or_killed_while_it_holds_a_last_delivery_leaves_it_to_the_next_bridge(bool kill)
    {
        using var timeout = TestTimeout.Start(120);
        await using var function = await ScriptedFunction.StartAsync();
        function.Script = batch => ScriptedFunction.Answer(batch, m => m.DeliveryCount == 1 ? Retry.Clone() : new MessageOutcome { Outcome = Outcome.Ack });
        function.HoldIf = batch => batch.Messages.Any(m => m.DeliveryCount == 2);
        function.Gate.Reset();
        var prefix = BridgeUnderTest.NewPrefix();
        var environment = BridgeProcess.Environment(nats.Server.Url, prefix, function.Url, new Dictionary<string, string>
        {
            ["MaxDeliver"] = "2",
            ["AckWait"] = "00:00:04",
        });
        environment["Bridge__ShutdownTimeout"] = "00:00:02";
        await using var publisher = await BridgeUnderTest.StartAsync(nats.Server.Url, "http://127.0.0.1:9/unused",
            new Dictionary<string, string?> { ["Consumer"] = "idle", ["Stream"] = "PAYMENTS", ["FilterSubject"] = "payments.>" }, prefix);

        await using (var first = await BridgeProcess.StartAsync(environment, timeout.Token))
        {
            await publisher.PublishOrderAsync(timeout.Token);
            await Poll.UntilAsync(() => function.Received.Any(r => r.Message.DeliveryCount == 2), TimeSpan.FromSeconds(30),
                "the last allowed delivery to be in flight", cancellationToken: timeout.Token);
            if (kill)
            {
                await first.Process.KillAsync();
            }
            else
            {
                Assert.True(await first.Process.TerminateAsync(TimeSpan.FromSeconds(20)), first.Process.ReadLog());
            }
        }

        function.Gate.Set();
        await using var second = await BridgeProcess.StartAsync(environment, timeout.Token);
        await Poll.UntilAsync(async () => await SettlementTests.Settled(publisher, timeout.Token, BridgeUnderTest.RouteName), TimeSpan.FromSeconds(60),
            "the message settled by the next bridge", cancellationToken: timeout.Token);

        var info = await publisher.ConsumerInfoAsync(timeout.Token, BridgeUnderTest.RouteName);
        Assert.Equal(1UL, info.AckFloor.StreamSeq);
        Assert.Contains(function.Received, r => r.Message.DeliveryCount >= 3);
        Assert.Equal(0UL, await DeadLetterCountAsync(publisher, timeout.Token));
    }

    internal static async Task<ulong> DeadLetterCountAsync(BridgeUnderTest bridge, CancellationToken cancellationToken)
    {
        var stream = await bridge.Js.GetStreamAsync(bridge.Topology.DeadLetterStream, cancellationToken: cancellationToken);
        return (ulong)stream.Info.State.Messages;
    }
}
