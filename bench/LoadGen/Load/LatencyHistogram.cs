using System.Diagnostics;
using HdrHistogram;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>
/// Latencies in an HdrHistogram of microseconds from 1 µs to 10 min at three significant digits, so any percentile
/// (and the maximum) is within 0.1% of the recorded value whatever the count; a latency above 10 min counts as 10 min.
/// Recording is safe from any thread.
/// </summary>
internal sealed class LatencyHistogram
{
    private const long HighestMicros = 600_000_000;
    private const double MicrosPerSecond = 1_000_000.0;

    private readonly LongConcurrentHistogram _histogram = new(1, HighestMicros, 3);

    public long Count => _histogram.TotalCount;

    public double MaxMs => Count == 0 ? 0 : _histogram.GetMaxValue() / 1000.0;

    public double MeanMs => Count == 0 ? 0 : _histogram.GetMean() / 1000.0;

    /// <summary>Records a latency given in <see cref="Stopwatch"/> ticks.</summary>
    public void RecordTicks(long ticks) => RecordMicros((long)(Math.Max(0, ticks) * MicrosPerSecond / Stopwatch.Frequency));

    public void RecordMicros(long micros) => _histogram.RecordValue(Math.Clamp(micros, 0, HighestMicros));

    /// <summary>The latency below which <paramref name="quantile"/> of the recorded values lie, in ms; NaN when empty.</summary>
    public double PercentileMs(double quantile) => Count == 0 ? double.NaN : _histogram.GetValueAtPercentile(quantile * 100) / 1000.0;
}
