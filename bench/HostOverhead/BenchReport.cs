using System.Text.Json;

namespace FunctionsOrders.HostOverhead;

/// <summary>Every target in every scenario, measured in one run, and how they compare.</summary>
internal sealed record BenchReport(
    DateTimeOffset MeasuredAt,
    string Machine,
    int Concurrency,
    double DurationSeconds,
    IReadOnlyList<ScenarioResult> Scenarios)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static BenchReport Create(BenchSettings settings, IReadOnlyList<ScenarioResult> scenarios, TimeProvider time) =>
        new(
            time.GetUtcNow(),
            $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            settings.Concurrency,
            settings.Duration.TotalSeconds,
            scenarios);

    public void Print(TextWriter output)
    {
        output.WriteLine($"{Concurrency} concurrent clients, {DurationSeconds} s per target and scenario; CPU is the target's process tree");
        foreach (var scenario in Scenarios)
        {
            output.WriteLine();
            output.WriteLine(scenario.Name);
            foreach (var target in scenario.Targets)
            {
                output.WriteLine(
                    $"  {target.Name,-24} {target.RequestsPerSecond,9:F1} req/s  p50 {target.P50Ms,8:F3} ms  p99 {target.P99Ms,8:F3} ms  CPU {target.CpuMsPerRequest,7:F3} ms/request (server {target.ServerCpuMsPerRequest:F3}, worker {target.WorkerCpuMsPerRequest:F3})  ({target.Requests} requests)");
            }

            foreach (var ratio in scenario.Ratios)
            {
                output.WriteLine(
                    $"  {ratio.Of} / {ratio.To}: throughput x{ratio.Throughput}, p50 x{ratio.P50}, p99 x{ratio.P99}, CPU per request x{ratio.CpuPerRequest}");
            }
        }
    }

    public async Task WriteAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);
    }
}

/// <summary>One scenario's targets, and each pair's ratios.</summary>
internal sealed record ScenarioResult(string Name, IReadOnlyList<TargetResult> Targets, IReadOnlyList<Ratio> Ratios)
{
    public static ScenarioResult Create(string name, IReadOnlyList<TargetResult> targets, params (string Of, string To)[] pairs) =>
        new(name, targets, [.. pairs.Select(p => Ratio.Between(targets.Single(t => t.Name == p.Of), targets.Single(t => t.Name == p.To)))]);
}

/// <summary><see cref="Of"/> against <see cref="To"/>: above 1 is more throughput, higher latency, more CPU.</summary>
internal sealed record Ratio(string Of, string To, double Throughput, double P50, double P99, double CpuPerRequest)
{
    public static Ratio Between(TargetResult of, TargetResult to) =>
        new(
            of.Name,
            to.Name,
            Math.Round(of.RequestsPerSecond / to.RequestsPerSecond, 3),
            Math.Round(of.P50Ms / to.P50Ms, 2),
            Math.Round(of.P99Ms / to.P99Ms, 2),
            Math.Round(of.CpuMsPerRequest / to.CpuMsPerRequest, 2));
}
