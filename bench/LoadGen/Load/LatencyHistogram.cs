using System.Diagnostics;
using HdrHistogram;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>
/// Latencies in an HdrHistogram of microseconds from 1 µs to 10 min at three significant digits, so any percentile
/// (and the maximum) is within 0.1% of the recorded value whatever the count; a latency above 10 min counts as 10 min.
/// Recording and reading are safe from any thread: a run's figures are read while late answers or status changes may
/// still be recorded (HdrHistogram's concurrent histogram only makes recording safe, and a read during a record could
/// throw), so both take a lock, which at these rates is never contended for long. <see cref="Snapshot"/> gives
/// figures that all come from the same moment.
/// </summary>
internal sealed class LatencyHistogram
{
    private const long HighestMicros = 600_000_000;
    private const double MicrosPerSecond = 1_000_000.0;

    private readonly Lock _lock = new();
    private readonly LongHistogram _histogram;

    public LatencyHistogram()
        : this(new LongHistogram(1, HighestMicros, 3))
    {
    }

    private LatencyHistogram(LongHistogram histogram) => _histogram = histogram;

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public double MaxMs
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount == 0 ? 0 : _histogram.GetMaxValue() / 1000.0;
            }
        }
    }

    public double MeanMs
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount == 0 ? 0 : _histogram.GetMean() / 1000.0;
            }
        }
    }

    /// <summary>Records a latency given in <see cref="Stopwatch"/> ticks.</summary>
    public void RecordTicks(long ticks) => RecordMicros((long)(Math.Max(0, ticks) * MicrosPerSecond / Stopwatch.Frequency));

    public void RecordMicros(long micros)
    {
        var value = Math.Clamp(micros, 0, HighestMicros);
        lock (_lock)
        {
            _histogram.RecordValue(value);
        }
    }

    /// <summary>The latency below which <paramref name="quantile"/> of the recorded values lie, in ms; NaN when empty.</summary>
    public double PercentileMs(double quantile)
    {
        lock (_lock)
        {
            return _histogram.TotalCount == 0 ? double.NaN : _histogram.GetValueAtPercentile(quantile * 100) / 1000.0;
        }
    }

    /// <summary>A copy of what is recorded now; later records do not change it.</summary>
    public LatencyHistogram Snapshot()
    {
        lock (_lock)
        {
            return new LatencyHistogram((LongHistogram)_histogram.Copy());
        }
    }
}
