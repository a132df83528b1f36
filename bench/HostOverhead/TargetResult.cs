namespace FunctionsOrders.HostOverhead;

/// <summary>Throughput and latency percentiles of one target.</summary>
internal sealed record TargetResult(string Name, long Requests, double RequestsPerSecond, double P50Ms, double P99Ms)
{
    public static TargetResult From(string name, List<double> latencies, TimeSpan duration)
    {
        latencies.Sort();
        return new TargetResult(
            name,
            latencies.Count,
            Math.Round(latencies.Count / duration.TotalSeconds, 1),
            Math.Round(Percentile(latencies, 0.50), 3),
            Math.Round(Percentile(latencies, 0.99), 3));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
