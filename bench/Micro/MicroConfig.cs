using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace FunctionsOrders.Micro;

/// <summary>The BenchmarkDotNet configuration of a run.</summary>
internal static class MicroConfig
{
    /// <summary>
    /// The quick job is BenchmarkDotNet's short run (3 warm-up and 3 measured iterations) with iterations of 250 ms
    /// instead of 500 ms; the default job lets BenchmarkDotNet choose the counts. Both run in this process: an out-of-process run would first build a
    /// generated project against the function apps, which costs more than the whole quick suite on this machine.
    /// </summary>
    public static IConfig Create(MicroSettings settings)
    {
        var job = (settings.Quick ? Job.ShortRun.WithIterationTime(TimeInterval.FromMilliseconds(250)) : Job.Default)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(settings.JobName);
        return DefaultConfig.Instance
            .AddJob(job)
            .WithArtifactsPath(settings.ArtifactsPath);
    }
}
