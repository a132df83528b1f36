using System.Globalization;

namespace FunctionsOrders.HostOverhead;

/// <summary>Duration and concurrency of a run, and where the repository is.</summary>
internal sealed record BenchSettings(TimeSpan Warmup, TimeSpan Duration, int Concurrency, string RepositoryRoot, string Configuration)
{
    public string ResultFile => Path.Combine(RepositoryRoot, "bench", "results", "host-overhead.json");

    public static BenchSettings Parse(string[] args)
    {
        var duration = Option(args, "--duration", 10);
        var concurrency = Option(args, "--concurrency", 32);
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return new BenchSettings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(duration), concurrency, FindRoot(baseDirectory), baseDirectory.Parent!.Name);
    }

    public string Output(string project) => Path.Combine(RepositoryRoot, project, "bin", Configuration, "net10.0");

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string FindRoot(DirectoryInfo start)
    {
        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunctionsOrders.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FunctionsOrders.sln not found above " + start.FullName);
    }
}
