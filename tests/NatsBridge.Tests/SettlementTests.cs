using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf.WellKnownTypes;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.NatsBridge.Tests;

[Collection(NatsCollection.Name)]
public sealed class SettlementTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Ack_settles_every_message_once()
    {
        using var timeout = TestTimeout.Start();
        await using var function = await ScriptedFunction.StartAsync();
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url);

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await bridge.PublishOrderAsync(timeout.Token));
        }

        await Poll.UntilAsync(async () => await Settled(bridge, timeout.Token), TimeSpan.FromSeconds(20), "all messages acked", cancellationToken: timeout.Token);
        Assert.Equal(5, function.Received.Count);
        Assert.Equal(ids.Order(), function.Received.Select(r => SubjectNames.LastToken(r.Message.Subject)).Order());
        Assert.All(function.Received, r => Assert.Equal(1u, r.Message.DeliveryCount));
        Assert.Equal(5, bridge.Counters.Get("acked", BridgeUnderTest.RouteName));
        var metrics = await bridge.MetricsAsync(timeout.Token);
        Assert.Contains("bridge_acked_total{route=\"test\"} 5", metrics, StringComparison.Ordinal);
        Assert.Contains("bridge_fetched_total{route=\"test\"} 5", metrics, StringComparison.Ordinal);
        Assert.Contains("bridge_consumer_ack_pending{route=\"test\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("bridge_dispatch_duration_seconds_count{route=\"test\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_redelivers_after_about_the_asked_delay()
    {
        using var timeout = TestTimeout.Start();
        await using var function = await ScriptedFunction.StartAsync();
        function.Script = batch => ScriptedFunction.Answer(batch, m => m.DeliveryCount == 1
            ? new MessageOutcome { Outcome = Outcome.Retry, RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(1.5)), Reason = "later" }
            : new MessageOutcome { Outcome = Outcome.Ack });
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url);

        await bridge.PublishOrderAsync(timeout.Token);

        await Poll.UntilAsync(() => function.Received.Count >= 2, TimeSpan.FromSeconds(20), "the redelivery", cancellationToken: timeout.Token);
        await Poll.UntilAsync(async () => await Settled(bridge, timeout.Token), TimeSpan.FromSeconds(20), "the ack", cancellationToken: timeout.Token);
        var deliveries = function.Received.ToArray();
        Assert.Equal(2u, deliveries[1].Message.DeliveryCount);
        Assert.InRange(deliveries[1].At - deliveries[0].At, TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(6));
        Assert.Equal(1, bridge.Counters.Get("naked", BridgeUnderTest.RouteName, "later"));
    }

    [Fact]
    public async Task Reject_lands_in_the_dead_letter_stream_with_reason_headers_and_is_not_redelivered()
    {
        using var timeout = TestTimeout.Start();
        await using var function = await ScriptedFunction.StartAsync();
        function.Script = batch => ScriptedFunction.Answer(batch, _ => new MessageOutcome { Outcome = Outcome.Reject, Reason = "invalid_payload" });
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url);

        var id = await bridge.PublishOrderAsync(timeout.Token);

        var letter = await ReadDeadLetterAsync(bridge, timeout.Token);
        var headers = letter.Headers!;
        Assert.Equal("invalid_payload", headers[MessageHeaders.DeadLetter.Reason].ToString());
        Assert.Equal(BridgeUnderTest.RouteName, headers[MessageHeaders.DeadLetter.Route].ToString());
        Assert.Equal(bridge.Topology.Subjects.OrderCreated(id), headers[MessageHeaders.DeadLetter.OriginalSubject].ToString());
        Assert.Equal(bridge.Topology.OrdersStream, headers[MessageHeaders.DeadLetter.Stream].ToString());
        Assert.Equal("1", headers[MessageHeaders.DeadLetter.StreamSequence].ToString());
        Assert.Equal("1", headers[MessageHeaders.DeadLetter.DeliveryCount].ToString());
        Assert.Equal(id, headers[MessageHeaders.DeadLetter.OriginalMessageId].ToString());
        Assert.True(DateTimeOffset.TryParse(headers[MessageHeaders.DeadLetter.Time].ToString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        await Poll.UntilAsync(async () => await Settled(bridge, timeout.Token), TimeSpan.FromSeconds(20), "the termination", cancellationToken: timeout.Token);
        Assert.Single(function.Received);
        Assert.Equal(1, bridge.Counters.Get("dead_lettered", BridgeUnderTest.RouteName, "invalid_payload"));
        Assert.Contains("bridge_dead_lettered_total{reason=\"invalid_payload\",route=\"test\"} 1", await bridge.MetricsAsync(timeout.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_allowed_delivery_failing_goes_to_the_dead_letter_stream()
    {
        using var timeout = TestTimeout.Start();
        await using var function = await ScriptedFunction.StartAsync();
        function.Script = batch => ScriptedFunction.Answer(batch, _ => new MessageOutcome { Outcome = Outcome.Retry, RetryDelay = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)), Reason = "flaky" });
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, new Dictionary<string, string?> { ["MaxDeliver"] = "3" });

        await bridge.PublishOrderAsync(timeout.Token);

        var letter = await ReadDeadLetterAsync(bridge, timeout.Token);
        Assert.Equal("max_deliveries:flaky", letter.Headers![MessageHeaders.DeadLetter.Reason].ToString());
        Assert.Equal("3", letter.Headers[MessageHeaders.DeadLetter.DeliveryCount].ToString());
        Assert.Equal(3, function.Received.Count);
    }

    internal static async Task<bool> Settled(BridgeUnderTest bridge, CancellationToken cancellationToken, string consumer = BridgeUnderTest.RouteName)
    {
        var info = await bridge.ConsumerInfoAsync(cancellationToken, consumer);
        return info.NumPending == 0 && info.NumAckPending == 0 && info.Delivered.StreamSeq > 0;
    }

    private static async Task<NATS.Client.Core.NatsMsg<byte[]>> ReadDeadLetterAsync(BridgeUnderTest bridge, CancellationToken cancellationToken)
    {
        var stream = await bridge.Js.GetStreamAsync(bridge.Topology.DeadLetterStream, cancellationToken: cancellationToken);
        await Poll.UntilAsync(async () =>
        {
            await stream.RefreshAsync(cancellationToken);
            return stream.Info.State.Messages == 1;
        }, TimeSpan.FromSeconds(20), "one dead letter", cancellationToken: cancellationToken);
        return await stream.GetDirectAsync<byte[]>(new StreamMsgGetRequest { LastBySubj = bridge.Topology.Subjects.DeadLetter(BridgeUnderTest.RouteName) }, cancellationToken: cancellationToken);
    }
}
