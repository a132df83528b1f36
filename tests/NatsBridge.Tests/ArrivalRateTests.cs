using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Tests.Fakes;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Tests;

public sealed class ArrivalRateTests
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(110);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="count"/> messages stored <paramref name="apart"/> from each other.</summary>
    private static List<INatsJSMsg<byte[]>> Stored(int count, TimeSpan apart) =>
        [.. Enumerable.Range(0, count).Select(i => (INatsJSMsg<byte[]>)new FakeMessage((ulong)i + 1, storedAt: Start + (apart * i)))];

    [Fact]
    public void Before_any_batch_told_a_rate_a_batch_waits_the_whole_linger()
    {
        var rate = new ArrivalRate();

        Assert.Equal(Linger, rate.LingerFor(Linger, batchSize: 64, numPending: 0));
    }

    [Fact]
    public void On_a_busy_route_a_batch_waits_only_as_long_as_it_takes_to_fill()
    {
        var rate = new ArrivalRate();

        // 1,000 messages a second: the 63 that would fill a batch of 64 come in 63 ms.
        rate.Observe(Stored(11, TimeSpan.FromMilliseconds(1)));

        Assert.Equal(1000, rate.PerSecond, precision: 6);
        Assert.Equal(63, rate.LingerFor(Linger, batchSize: 64, numPending: 0).TotalMilliseconds, precision: 2);
    }

    [Fact]
    public void Messages_already_waiting_count_towards_the_batch()
    {
        var rate = new ArrivalRate();
        rate.Observe(Stored(11, TimeSpan.FromMilliseconds(1)));

        Assert.Equal(31, rate.LingerFor(Linger, batchSize: 64, numPending: 32).TotalMilliseconds, precision: 2);
        Assert.Equal(TimeSpan.Zero, rate.LingerFor(Linger, batchSize: 64, numPending: 63));
        Assert.Equal(TimeSpan.Zero, rate.LingerFor(Linger, batchSize: 64, numPending: 500));
    }

    [Fact]
    public void On_a_quiet_route_a_batch_waits_the_whole_linger()
    {
        var rate = new ArrivalRate();

        // 100 messages a second: a batch of 64 would take 630 ms to fill.
        rate.Observe(Stored(12, TimeSpan.FromMilliseconds(10)));

        Assert.Equal(Linger, rate.LingerFor(Linger, batchSize: 64, numPending: 0));
    }

    [Fact]
    public void A_batch_that_cannot_tell_a_rate_leaves_the_last_one()
    {
        var rate = new ArrivalRate();
        rate.Observe(Stored(11, TimeSpan.FromMilliseconds(1)));

        rate.Observe(Stored(1, TimeSpan.Zero));
        rate.Observe(Stored(5, TimeSpan.Zero));
        rate.Observe([new FakeMessage(1, storedAt: Start + TimeSpan.FromSeconds(1)), new FakeMessage(2, storedAt: Start)]);

        Assert.Equal(1000, rate.PerSecond, precision: 6);
    }

    [Fact]
    public void When_the_route_slows_down_the_next_batch_tells_and_the_wait_grows_back()
    {
        var rate = new ArrivalRate();
        rate.Observe(Stored(64, TimeSpan.FromMilliseconds(1)));

        rate.Observe(Stored(4, TimeSpan.FromMilliseconds(20)));

        Assert.Equal(Linger, rate.LingerFor(Linger, batchSize: 64, numPending: 0));
    }

    [Fact]
    public void Messages_stored_years_apart_give_the_whole_linger_and_no_overflow()
    {
        var rate = new ArrivalRate();

        rate.Observe([new FakeMessage(1, storedAt: DateTimeOffset.UnixEpoch), new FakeMessage(2, storedAt: Start)]);

        Assert.Equal(Linger, rate.LingerFor(Linger, batchSize: 1000, numPending: 0));
    }
}
