using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsOrders.LoadGen.Load;

namespace FunctionsOrders.LoadGen.EndToEnd;

/// <summary>
/// Joins the two sides of an order: its 202 (with the scheduled send time) and its final status seen on the
/// bucket. Either may come first — under load the status can land before the 202 has reached the client.
/// </summary>
internal sealed class OrderTracker
{
    private readonly ConcurrentDictionary<string, Times> _orders = new(StringComparer.Ordinal);
    private long _accepted;
    private long _paid;
    private long _failed;
    private long _lastFinal;

    public LatencyHistogram Latency { get; } = new();

    public long AcceptedCount => Volatile.Read(ref _accepted);

    public long Paid => Volatile.Read(ref _paid);

    public long PaymentFailed => Volatile.Read(ref _failed);

    public long Finished => Paid + PaymentFailed;

    /// <summary>Timestamp of the last final status of an order of this run; 0 while none.</summary>
    public long LastFinalTimestamp => Volatile.Read(ref _lastFinal);

    public void Accepted(string orderId, long scheduledAt)
    {
        Interlocked.Increment(ref _accepted);
        var times = _orders.GetOrAdd(orderId, static _ => new Times());
        lock (times)
        {
            times.ScheduledAt = scheduledAt;
            Complete(times);
        }
    }

    public void Final(string orderId, bool paid)
    {
        var now = Stopwatch.GetTimestamp();
        var times = _orders.GetOrAdd(orderId, static _ => new Times());
        lock (times)
        {
            if (times.FinalAt != 0)
            {
                return;
            }

            times.FinalAt = now;
            times.Paid = paid;
            Complete(times);
        }
    }

    private void Complete(Times times)
    {
        if (times.ScheduledAt == 0 || times.FinalAt == 0 || times.Counted)
        {
            return;
        }

        times.Counted = true;
        Latency.RecordTicks(times.FinalAt - times.ScheduledAt);
        Interlocked.Increment(ref times.Paid ? ref _paid : ref _failed);
        long seen;
        while (times.FinalAt > (seen = Volatile.Read(ref _lastFinal)) && Interlocked.CompareExchange(ref _lastFinal, times.FinalAt, seen) != seen)
        {
            // Raced with another order's final status: compare again.
        }
    }

    private sealed class Times
    {
        public long ScheduledAt;
        public long FinalAt;
        public bool Paid;
        public bool Counted;
    }
}
