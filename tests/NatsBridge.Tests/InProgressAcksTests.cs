using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Tests.Fakes;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Tests;

public sealed class InProgressAcksTests
{
    [Fact]
    public async Task A_failing_in_progress_ack_neither_stops_the_keep_alives_of_the_others_nor_fails_the_batch()
    {
        using var timeout = TestTimeout.Start(30);
        var failing = new FakeMessage(1, failProgress: true);
        var healthy = new FakeMessage(2);
        IReadOnlyList<INatsJSMsg<byte[]>> batch = [failing, healthy];
        var progress = new InProgressAcks(() => batch, TimeSpan.FromMilliseconds(20), TimeProvider.System, NullLogger.Instance, "test");

        await Poll.UntilAsync(() => failing.ProgressAcks >= 3 && healthy.ProgressAcks >= 3, TimeSpan.FromSeconds(20),
            "three rounds of keep-alives for both messages", cancellationToken: timeout.Token);

        await progress.StopAsync();
        progress.Dispose();
    }

    [Fact]
    public async Task Keep_alives_go_to_the_messages_still_unsettled_only()
    {
        using var timeout = TestTimeout.Start(30);
        var settled = new FakeMessage(1);
        var held = new FakeMessage(2);
        IReadOnlyList<INatsJSMsg<byte[]>> unsettled = [settled, held];
        using var progress = new InProgressAcks(() => Volatile.Read(ref unsettled), TimeSpan.FromMilliseconds(20), TimeProvider.System, NullLogger.Instance, "test");
        await Poll.UntilAsync(() => settled.ProgressAcks >= 1, TimeSpan.FromSeconds(20), "a first keep-alive", cancellationToken: timeout.Token);

        Volatile.Write(ref unsettled, [held]);
        var before = settled.ProgressAcks;
        var heldBefore = held.ProgressAcks;
        await Poll.UntilAsync(() => held.ProgressAcks >= heldBefore + 3, TimeSpan.FromSeconds(20), "more keep-alives for the held message", cancellationToken: timeout.Token);

        Assert.InRange(settled.ProgressAcks, before, before + 1);
        await progress.StopAsync();
    }
}
