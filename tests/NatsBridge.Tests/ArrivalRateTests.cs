using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Tests.Fakes;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Tests;

public sealed class ArrivalRateTests
{
    private const int BatchSize = 64;
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(110);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="count"/> messages stored <paramref name="apart"/> from each other.</summary>
    private static List<INatsJSMsg<byte[]>> Stored(int count, TimeSpan apart) =>
        [.. Enumerable.Range(0, count).Select(i => (INatsJSMsg<byte[]>)new FakeMessage((ulong)i + 1, storedAt: Start + (apart * i)))];

    /// <summary>An arrival rate told 1,000 messages a second by a full batch.</summary>
    private static ArrivalRate Busy()
    {
        var rate = new ArrivalRate();
        rate.Observe(Stored(BatchSize, TimeSpan.FromMilliseconds(1)), BatchSize, TimeSpan.Zero);
        return rate;
    }

    [Fact]
    public void Before_any_batch_told_a_rate_a_batch_waits_the_whole_linger()
    {
        var rate = new ArrivalRate();

        Assert.Equal(Linger, rate.LingerFor(Linger, BatchSize, numPending: 0));
    }

    [Fact]
    public void After_a_full_batch_stored_at_1000_a_second_a_batch_waits_only_as_long_as_it_takes_to_fill()
    {
        var rate = Busy();

        Assert.Equal(1000, rate.PerSecond, precision: 6);
        Assert.Equal(63, rate.LingerFor(Linger, BatchSize, numPending: 0).TotalMilliseconds, precision: 2);
    }

    [Fact]
    public void Messages_already_waiting_count_towards_the_batch()
    {
        var rate = Busy();

        Assert.Equal(31, rate.LingerFor(Linger, BatchSize, numPending: 32).TotalMilliseconds, precision: 2);
        Assert.Equal(TimeSpan.Zero, rate.LingerFor(Linger, BatchSize, numPending: 63));
        Assert.Equal(TimeSpan.Zero, rate.LingerFor(Linger, BatchSize, numPending: ulong.MaxValue));
    }

    [Fact]
    public void A_lingering_batch_tells_the_rate_by_the_company_it_got()
    {
        var rate = new ArrivalRate();

        // 11 messages joined the first one in 110 ms: 100 a second, so a batch of 64 would take 630 ms to fill.
        rate.Observe(Stored(12, TimeSpan.FromMilliseconds(10)), BatchSize, Linger);

        Assert.Equal(100, rate.PerSecond, precision: 6);
        Assert.Equal(Linger, rate.LingerFor(Linger, BatchSize, numPending: 0));
    }

    [Fact]
    public void A_rate_read_too_high_is_corrected_by_the_next_short_batch()
    {
        var rate = Busy();
        var shortened = rate.LingerFor(Linger, BatchSize, numPending: 0);

        // The route quietened: the shortened wait brought one message of company, or none.
        rate.Observe(Stored(2, TimeSpan.FromMilliseconds(30)), BatchSize, shortened);
        Assert.Equal(Linger, rate.LingerFor(Linger, BatchSize, numPending: 0));

        rate = Busy();
        rate.Observe(Stored(1, TimeSpan.Zero), BatchSize, shortened);
        Assert.Equal(0, rate.PerSecond);
        Assert.Equal(Linger, rate.LingerFor(Linger, BatchSize, numPending: 0));
    }

    [Fact]
    public void Two_messages_stored_close_together_do_not_make_a_rate()
    {
        var rate = new ArrivalRate();

        // A short batch that did not wait (a top-up of two orders sent back to back) tells nothing.
        rate.Observe(Stored(2, TimeSpan.FromTicks(1000)), BatchSize, TimeSpan.Zero);

        Assert.Equal(0, rate.PerSecond);
        Assert.Equal(Linger, rate.LingerFor(Linger, BatchSize, numPending: 0));
    }

    [Fact]
    public void A_full_batch_that_cannot_tell_a_rate_leaves_the_last_one()
    {
        var rate = Busy();

        rate.Observe(Stored(BatchSize, TimeSpan.Zero), BatchSize, TimeSpan.Zero);

        Assert.Equal(1000, rate.PerSecond, precision: 6);
    }

    [Fact]
    public void Redelivered_messages_do_not_count_in_a_full_batch()
    {
        var rate = new ArrivalRate();
        var batch = Stored(BatchSize - 1, TimeSpan.FromMilliseconds(1));
        batch.Insert(0, new FakeMessage(1000, storedAt: Start - TimeSpan.FromHours(1), numDelivered: 2));

        rate.Observe(batch, BatchSize, TimeSpan.Zero);

        Assert.Equal(1000, rate.PerSecond, precision: 6);
    }

    [Fact]
    public void Messages_stored_years_apart_give_the_whole_linger_and_no_overflow()
    {
        var rate = new ArrivalRate();
        List<INatsJSMsg<byte[]>> batch = [new FakeMessage(1, storedAt: DateTimeOffset.UnixEpoch), new FakeMessage(2, storedAt: Start)];

        rate.Observe(batch, batchSize: 2, TimeSpan.Zero);

        Assert.Equal(Linger, rate.LingerFor(Linger, batchSize: 1000, numPending: 0));
    }
}
