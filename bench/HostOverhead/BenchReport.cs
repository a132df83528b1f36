using System.Text.Json;

namespace FunctionsOrders.HostOverhead;

/// <summary>Both targets measured in one run, and how the host compares with bare Kestrel.</summary>
internal sealed record BenchReport(
    DateTimeOffset MeasuredAt,
    string Machine,
    int Concurrency,
    double DurationSeconds,
    TargetResult FunctionsHost,
    TargetResult BareKestrel,
    double ThroughputRatio,
    double P50Ratio,
    double P99Ratio)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static BenchReport Create(BenchSettings settings, TargetResult host, TargetResult kestrel, TimeProvider time) =>
        new(
            time.GetUtcNow(),
            $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            settings.Concurrency,
            settings.Duration.TotalSeconds,
            host,
            kestrel,
            Math.Round(host.RequestsPerSecond / kestrel.RequestsPerSecond, 3),
            Math.Round(host.P50Ms / kestrel.P50Ms, 2),
            Math.Round(host.P99Ms / kestrel.P99Ms, 2));

    public void Print(TextWriter output)
    {
        foreach (var target in new[] { FunctionsHost, BareKestrel })
        {
            output.WriteLine($"{target.Name,-15} {target.RequestsPerSecond,10:F1} req/s  p50 {target.P50Ms,7:F3} ms  p99 {target.P99Ms,7:F3} ms  ({target.Requests} requests)");
        }

        output.WriteLine($"host/Kestrel: throughput x{ThroughputRatio}, p50 x{P50Ratio}, p99 x{P99Ratio} ({Concurrency} concurrent clients, {DurationSeconds} s each)");
    }

    public async Task WriteAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);
    }
}
