using System.Text.Json;
using BenchmarkDotNet.Reports;

namespace FunctionsOrders.Micro;

/// <summary>The compact summary of a run: per benchmark its mean time and the bytes it allocates per operation.</summary>
internal sealed record MicroReport(
    DateTimeOffset MeasuredAt,
    string Job,
    string Filter,
    string Machine,
    string Runtime,
    IReadOnlyList<MicroResult> Benchmarks,
    IReadOnlyList<string> Failed)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static MicroReport Create(IReadOnlyList<Summary> summaries, MicroSettings settings, TimeProvider time)
    {
        var reports = summaries.SelectMany(s => s.Reports).ToList();
        var results = reports
            .Where(r => r.ResultStatistics is not null)
            .Select(r => new MicroResult(
                Name(r),
                Math.Round(r.ResultStatistics!.Mean, 1),
                r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0))
            .ToList();
        var failed = reports.Where(r => r.ResultStatistics is null).Select(Name)
            .Concat(summaries.Where(s => s.HasCriticalValidationErrors).Select(s => s.Title + ": invalid"))
            .ToList();
        var host = summaries.FirstOrDefault()?.HostEnvironmentInfo;
        return new MicroReport(
            time.GetUtcNow(),
            settings.JobName,
            settings.Filter,
            host is null ? $"{Environment.ProcessorCount} cores" : $"{host.Cpu.Value.ProcessorName} ({Environment.ProcessorCount} logical cores), {host.Os.Value}",
            host?.RuntimeVersion ?? Environment.Version.ToString(),
            results,
            failed);
    }

    public async Task WriteAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);
    }

    public void Print(TextWriter output, MicroSettings settings)
    {
        foreach (var result in Benchmarks)
        {
            output.WriteLine($"{result.Name,-72} {result.MeanNs,12:F1} ns {result.AllocatedBytes,9} B");
        }

        foreach (var name in Failed)
        {
            output.WriteLine($"FAILED {name}");
        }

        output.WriteLine($"Summary: {settings.ResultFile}");
        output.WriteLine($"BenchmarkDotNet reports and logs: {Path.Combine(settings.ArtifactsPath, "results")}");
    }

    private static string Name(BenchmarkReport report) =>
        report.BenchmarkCase.Parameters.Count == 0
            ? report.BenchmarkCase.Descriptor.DisplayInfo
            : $"{report.BenchmarkCase.Descriptor.DisplayInfo} {report.BenchmarkCase.Parameters.DisplayInfo}";
}
