using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

[Collection(NatsCollection.Name)]
public sealed class ReplayTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Replay_moves_dead_letters_back_to_their_subjects_and_removes_them()
    {
        using var timeout = TestTimeout.Start(90);
        await using var function = await ScriptedFunction.StartAsync();
        function.Script = batch => ScriptedFunction.Answer(batch, _ => new MessageOutcome { Outcome = Outcome.Reject, Reason = "invalid_payload" });
        var prefix = BridgeUnderTest.NewPrefix();
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, prefix: prefix);
        var ids = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await bridge.PublishOrderAsync(timeout.Token));
        }

        await Poll.UntilAsync(async () => await DeadLetters(bridge, timeout.Token) == 3, TimeSpan.FromSeconds(20), "three dead letters", cancellationToken: timeout.Token);
        function.Script = ScriptedFunction.AckAll;

        var (exitCode, output) = await BridgeProcess.ReplayAsync(
            BridgeProcess.Environment(nats.Server.Url, prefix, function.Url), ["--route", BridgeUnderTest.RouteName, "--limit", "2"], timeout.Token);
        Assert.Equal(0, exitCode);
        Assert.Contains("replayed 2 dead letter(s)", output, StringComparison.Ordinal);
        Assert.Equal(1, await DeadLetters(bridge, timeout.Token));

        (exitCode, _) = await BridgeProcess.ReplayAsync(
            BridgeProcess.Environment(nats.Server.Url, prefix, function.Url), ["--route", BridgeUnderTest.RouteName], timeout.Token);
        Assert.Equal(0, exitCode);
        await Poll.UntilAsync(() => bridge.Counters.Get("acked", BridgeUnderTest.RouteName) == 3, TimeSpan.FromSeconds(20), "the replayed messages acked", cancellationToken: timeout.Token);
        Assert.Equal(0, await DeadLetters(bridge, timeout.Token));
        var replayed = function.Received.Skip(3).Select(r => r.Message).ToList();
        Assert.Equal(ids, replayed.Select(m => SubjectNames.LastToken(m.Subject)).ToHashSet());
        Assert.All(replayed, m => Assert.Contains(m.Headers, h => h.Name == MessageHeaders.MessageId && h.Value.Contains("-replay-", StringComparison.Ordinal)));
        Assert.All(replayed, m => Assert.DoesNotContain(m.Headers, h => h.Name.StartsWith("DeadLetter-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Replay_without_a_route_fails_with_usage()
    {
        using var timeout = TestTimeout.Start();

        var (exitCode, output) = await BridgeProcess.ReplayAsync(new Dictionary<string, string>(), [], timeout.Token);

        Assert.Equal(2, exitCode);
        Assert.Contains("--route is required", output, StringComparison.Ordinal);
    }

    private static async Task<long> DeadLetters(BridgeUnderTest bridge, CancellationToken cancellationToken)
    {
        var stream = await bridge.Js.GetStreamAsync(bridge.Topology.DeadLetterStream, cancellationToken: cancellationToken);
        return stream.Info.State.Messages;
    }
}
