using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Tests.Fakes;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsOrders.NatsBridge.Tests;

public sealed class InProgressAcksTests
{
    [Fact]
    public async Task A_failing_in_progress_ack_neither_stops_the_keep_alives_of_the_others_nor_fails_the_batch()
    {
        using var timeout = TestTimeout.Start(30);
        var failing = new FakeMessage(1, failProgress: true);
        var healthy = new FakeMessage(2);
        using var held = new HeldMessages([failing, healthy]);
        var progress = new InProgressAcks(held, TimeSpan.FromMilliseconds(20), TimeProvider.System, NullLogger.Instance, "test");

        await Poll.UntilAsync(() => failing.ProgressAcks >= 3 && healthy.ProgressAcks >= 3, TimeSpan.FromSeconds(20),
            "three rounds of keep-alives for both messages", cancellationToken: timeout.Token);

        await progress.StopAsync();
        progress.Dispose();
    }

    [Fact]
    public async Task Once_a_message_is_released_for_its_settlement_no_keep_alive_follows()
    {
        using var timeout = TestTimeout.Start(30);
        var released = new FakeMessage(1);
        var kept = new FakeMessage(2);
        using var held = new HeldMessages([released, kept]);
        using var progress = new InProgressAcks(held, TimeSpan.FromMilliseconds(5), TimeProvider.System, NullLogger.Instance, "test");
        await Poll.UntilAsync(() => released.ProgressAcks >= 1, TimeSpan.FromSeconds(20), "a first keep-alive", cancellationToken: timeout.Token);

        // A keep-alive sent after the NAK of a message would reset the NAK's delay to the ack wait.
        Assert.True(await held.ReleaseAsync(0));
        var atRelease = released.ProgressAcks;
        var keptBefore = kept.ProgressAcks;
        await Poll.UntilAsync(() => kept.ProgressAcks >= keptBefore + 5, TimeSpan.FromSeconds(20), "more keep-alives for the held message", cancellationToken: timeout.Token);

        Assert.Equal(atRelease, released.ProgressAcks);
        Assert.False(await held.ReleaseAsync(0));
        await progress.StopAsync();
    }

    [Fact]
    public async Task Once_stopped_no_keep_alive_follows()
    {
        using var timeout = TestTimeout.Start(30);
        var message = new FakeMessage(1);
        using var held = new HeldMessages([message]);
        using var progress = new InProgressAcks(held, TimeSpan.FromMilliseconds(5), TimeProvider.System, NullLogger.Instance, "test");
        await Poll.UntilAsync(() => message.ProgressAcks >= 2, TimeSpan.FromSeconds(20), "two keep-alives", cancellationToken: timeout.Token);

        await progress.StopAsync();
        var atStop = message.ProgressAcks;
        var other = new FakeMessage(2);
        using var heldLater = new HeldMessages([other]);
        using var later = new InProgressAcks(heldLater, TimeSpan.FromMilliseconds(5), TimeProvider.System, NullLogger.Instance, "test");
        await Poll.UntilAsync(() => other.ProgressAcks >= 5, TimeSpan.FromSeconds(20), "five keep-alives of a batch started after", cancellationToken: timeout.Token);

        Assert.Equal(atStop, message.ProgressAcks);
    }

    [Fact]
    public async Task Stopping_ends_the_wait_for_the_next_keep_alive_at_once()
    {
        var message = new FakeMessage(1);
        using var held = new HeldMessages([message]);
        using var progress = new InProgressAcks(held, TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance, "test");

        // The loop waits an hour for its first tick; stopping must end that wait, not leave the batch waiting on it.
        await progress.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, message.ProgressAcks);
    }
}
