using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>The machine and the versions of what ran, recorded with every result.</summary>
internal sealed record MachineInfo(
    int Cores,
    double MemoryGib,
    string Os,
    string Cpu,
    string Dotnet,
    string NatsServer,
    string Azurite,
    string LoadAverageAtStart)
{
    /// <summary>CPU milliseconds of <see cref="CpuProbe"/> at the start of the run (absent in results from before it).</summary>
    public double? CpuProbeMs { get; init; }

    public static async Task<MachineInfo> CollectAsync(CancellationToken cancellationToken) => new(
        Environment.ProcessorCount,
        Math.Round(MemTotalKib() / 1024.0 / 1024.0, 1),
        OsName(),
        CpuModel(),
        RuntimeInformation.FrameworkDescription,
        await NatsServerVersionAsync(cancellationToken),
        AzuriteVersion(),
        LoadAverage())
    {
        CpuProbeMs = CpuProbe.MeasureMs(),
    };

    /// <summary>The 1, 5 and 15 minute load averages: the machine may be shared, and this says how busy it was.</summary>
    public static string LoadAverage() => ReadOr("/proc/loadavg", "unknown").Split(' ') is { Length: >= 3 } parts
        ? string.Join(' ', parts[..3])
        : "unknown";

    private static long MemTotalKib() =>
        ReadOr("/proc/meminfo", "").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var kib, ..] && long.TryParse(kib, out var value)
            ? value
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024;

    private static string OsName() =>
        ReadOr("/etc/os-release", "").Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
        is { Length: > 0 } name
            ? $"{name}, kernel {Environment.OSVersion.Version}"
            : RuntimeInformation.OSDescription;

    private static string CpuModel() =>
        ReadOr("/proc/cpuinfo", "").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static async Task<string> NatsServerVersionAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(RepoPaths.NatsServer, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("nats-server did not start.");
        var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return text.Trim().Replace("nats-server: ", "", StringComparison.Ordinal);
    }

    private static string AzuriteVersion()
    {
        var package = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "package.json");
        using var document = JsonDocument.Parse(ReadOr(package, "{}"));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() ?? "unknown" : "unknown";
    }

    private static string ReadOr(string path, string fallback) => File.Exists(path) ? File.ReadAllText(path) : fallback;
}
