using System.Diagnostics;
using FunctionsOrders.LoadGen.Load;

namespace FunctionsOrders.LoadGen.Tests;

/// <summary>
/// The end-to-end runs read their latencies while the status watcher may still record late orders; reading must not
/// fail, or the suite loses every result it measured.
/// </summary>
public sealed class LatencyHistogramTests
{
    [Fact]
    public async Task Reading_while_other_threads_record_gives_figures_and_does_not_throw()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMicros(1); // an empty histogram has no percentiles (NaN)
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            var value = 1L + w;
            while (!stop.IsCancellationRequested)
            {
                // Values spread over many buckets, so the histogram's extent keeps changing under the reader.
                histogram.RecordMicros(value);
                value = value * 7 % 50_000_000 + 1;
            }
        })).ToArray();

        try
        {
            var reading = Stopwatch.StartNew();
            while (reading.Elapsed < TimeSpan.FromSeconds(1))
            {
                var snapshot = histogram.Snapshot();
                Assert.True(snapshot.MaxMs >= snapshot.PercentileMs(0.99));
                Assert.True(snapshot.PercentileMs(0.99) >= snapshot.PercentileMs(0.50));
                Assert.True(histogram.MaxMs >= 0);
                Assert.True(histogram.MeanMs >= 0);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(histogram.Count > 0);
    }

    [Fact]
    public void A_snapshot_keeps_what_was_recorded_when_it_was_taken()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMicros(1_000);
        histogram.RecordMicros(3_000);

        var snapshot = histogram.Snapshot();
        histogram.RecordMicros(9_000_000);

        Assert.Equal(2, snapshot.Count);
        Assert.Equal(3.0, snapshot.MaxMs, 2);
        Assert.Equal(3, histogram.Count);
    }
}
