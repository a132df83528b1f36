namespace FunctionsOrders.LoadGen.Load;

/// <summary>
/// Latencies in logarithmic buckets (each 1% wider than the one before, from 1 µs to 10 min), so any percentile is
/// within about 1% of the true value whatever the count. Recording is lock-free and safe from any thread.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double Growth = 1.01;
    private const double MaxMicros = 600_000_000;
    private static readonly double LogGrowth = Math.Log(Growth);
    private static readonly int BucketCount = (int)Math.Ceiling(Math.Log(MaxMicros) / LogGrowth) + 2;

    private readonly long[] _buckets = new long[BucketCount];
    private long _count;
    private long _maxMicros;
    private long _sumMicros;

    public long Count => Volatile.Read(ref _count);

    public double MaxMs => Volatile.Read(ref _maxMicros) / 1000.0;

    public double MeanMs => Count == 0 ? 0 : Volatile.Read(ref _sumMicros) / 1000.0 / Count;

    /// <summary>Records a latency given in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public void RecordTicks(long ticks) => RecordMicros(Math.Max(0, ticks) * 1_000_000 / System.Diagnostics.Stopwatch.Frequency);

    public void RecordMicros(long micros)
    {
        var index = micros < 1 ? 0 : Math.Min(BucketCount - 1, (int)(Math.Log(micros) / LogGrowth) + 1);
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, micros);
        long seen;
        while (micros > (seen = Volatile.Read(ref _maxMicros)) && Interlocked.CompareExchange(ref _maxMicros, micros, seen) != seen)
        {
            // Another thread raised the maximum in between: compare again.
        }
    }

    /// <summary>The latency below which <paramref name="quantile"/> of the recorded values lie, in ms; NaN when empty.</summary>
    public double PercentileMs(double quantile)
    {
        var count = Count;
        if (count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Volatile.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return Math.Min(MidpointMicros(i), Volatile.Read(ref _maxMicros)) / 1000.0;
            }
        }

        return MaxMs;
    }

    /// <summary>Bucket i (i ≥ 1) holds [Growth^(i-1), Growth^i) µs; its geometric midpoint is within 0.5% of any value in it.</summary>
    private static double MidpointMicros(int index) => index == 0 ? 0 : Math.Pow(Growth, index - 0.5);
}
