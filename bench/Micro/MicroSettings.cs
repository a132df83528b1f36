namespace FunctionsOrders.Micro;

/// <summary>What to run (the quick or the default job, which benchmarks) and where the results go.</summary>
internal sealed record MicroSettings(bool Quick, string Filter, string[] SwitcherArgs, string RepositoryRoot)
{
    private const string QuickOption = "--quick";
    private const string FilterOption = "--filter";

    public string JobName => Quick ? "quick" : "default";

    public string ResultFile => Path.Combine(RepositoryRoot, "bench", "results", "micro.json");

    public string ArtifactsPath => Path.Combine(RepositoryRoot, "bench", "results", "micro-artifacts");

    /// <summary>
    /// <c>--quick</c> is ours; everything else goes to BenchmarkDotNet. Without a filter every benchmark runs,
    /// rather than BenchmarkDotNet asking which one to run.
    /// </summary>
    public static MicroSettings Parse(string[] args)
    {
        var rest = args.Where(a => a != QuickOption).ToList();
        var filterAt = rest.IndexOf(FilterOption);
        if (filterAt < 0)
        {
            rest.AddRange([FilterOption, "*"]);
            filterAt = rest.Count - 2;
        }

        var filter = string.Join(' ', rest.Skip(filterAt + 1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)));
        var root = FindRoot(new DirectoryInfo(AppContext.BaseDirectory));
        return new MicroSettings(args.Contains(QuickOption), filter, [.. rest], root);
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
