namespace FunctionsOrders.HostOverhead;

/// <summary>
/// Throughput, latency percentiles and CPU per request of one target in one scenario; the CPU also apart for the
/// server process (the host, or Kestrel) and the processes it started (the worker).
/// </summary>
internal sealed record TargetResult(
    string Name,
    long Requests,
    double RequestsPerSecond,
    double P50Ms,
    double P99Ms,
    double CpuMsPerRequest,
    double ServerCpuMsPerRequest,
    double WorkerCpuMsPerRequest)
{
    public static TargetResult From(string name, List<double> latencies, TimeSpan duration, ProcessTreeCpu.Split cpu)
    {
        latencies.Sort();
        return new TargetResult(
            name,
            latencies.Count,
            Math.Round(latencies.Count / duration.TotalSeconds, 1),
            Math.Round(Percentile(latencies, 0.50), 3),
            Math.Round(Percentile(latencies, 0.99), 3),
            PerRequest(cpu.Total, latencies.Count),
            PerRequest(cpu.Root, latencies.Count),
            PerRequest(cpu.Descendants, latencies.Count));
    }

    private static double PerRequest(TimeSpan cpu, int requests) =>
        requests == 0 ? double.NaN : Math.Round(cpu.TotalMilliseconds / requests, 3);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
