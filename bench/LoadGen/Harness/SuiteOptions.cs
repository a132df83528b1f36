using FunctionsOrders.LoadGen.Cli;
using FunctionsOrders.LoadGen.Load;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>Everything the suite measures with, from <c>suite [--quick] [options]</c>.</summary>
internal sealed record SuiteOptions
{
    public static readonly string[] Flags = ["--quick", "--no-docs", "--no-cluster", "--azurite-on-disk"];

    public static readonly string[] Options =
    [
        "--rates", "--step-seconds", "--p99-limit-ms", "--baseline-seconds", "--e2e-rate", "--e2e-moderate-rate", "--e2e-seconds", "--e2e-wait-seconds",
        "--max-in-flight", "--timeout-seconds", "--results", "--e2e-fixed-rate", "--sustainable-rates", "--step-rounds",
    ];

    public required bool Quick { get; init; }

    public required StepSettings Steps { get; init; }

    /// <summary>
    /// How many times the direct intake and the intake each climb the step ladder, in alternating rounds; each one's
    /// maximum is the median of its rounds (3 unless given).
    /// </summary>
    public required int StepRounds { get; init; }

    public required LoadSettings Load { get; init; }

    public required TimeSpan BaselineDuration { get; init; }

    public int PipelineWindow { get; init; } = 256;

    public int FetchBatch { get; init; } = 256;

    public int AzuriteConcurrency { get; init; } = 32;

    public required double E2eRate { get; init; }

    /// <summary>Rate of the end-to-end run before the main one; 0 skips it.</summary>
    public required double E2eModerateRate { get; init; }

    public required TimeSpan E2eDuration { get; init; }

    /// <summary>Rate of the fixed-rate run whose CPU per order and latency are the headline figures (100/s unless given).</summary>
    public required double E2eFixedRate { get; init; }

    /// <summary>How long the fixed-rate run posts: 30 s, 20 s with <c>--quick</c>.</summary>
    public TimeSpan E2eFixedDuration => Quick ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(30);

    /// <summary>Offered rates of the sustainable-rate search, tried in increasing order.</summary>
    public required IReadOnlyList<double> SustainableRates { get; init; }

    /// <summary>How long each rate of the search posts: 20 s, 10 s with <c>--quick</c>.</summary>
    public TimeSpan SustainableStep => Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(20);

    /// <summary>A rate holds when every order is final this long after its last POST...</summary>
    public TimeSpan SustainableFinishWithin { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>...and POST → final p99 stays within this.</summary>
    public double SustainableP99LimitMs { get; init; } = 500;

    /// <summary>Orders posted one at a time on the idle, warm system.</summary>
    public int IdleOrders { get; init; } = 20;

    public required TimeSpan E2eWait { get; init; }

    /// <summary>Longest wait for the bridge to settle the intake steps' orders before the end-to-end run starts.</summary>
    public required TimeSpan BacklogWait { get; init; }

    /// <summary>How long the payment flow is warmed up, at a low rate, before the end-to-end runs.</summary>
    public TimeSpan E2eWarmup => Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(20);

    /// <summary>How long the idle system's CPU is measured before the end-to-end runs.</summary>
    public TimeSpan IdleCpuDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Whether the suite ends with the cluster part: the JetStream baselines and the moderate end-to-end run again
    /// on a three-node cluster with every stream at three replicas. False with <c>--no-cluster</c>.
    /// </summary>
    public required bool Cluster { get; init; }

    /// <summary>
    /// Whether Azurite keeps its data on disk, as <c>./run.sh</c> runs it, instead of in memory (the default): on
    /// disk it saves its whole store every 5 s, and those pauses set the tail latency above a few hundred orders a
    /// second. True with <c>--azurite-on-disk</c>.
    /// </summary>
    public bool AzuriteOnDisk { get; init; }

    /// <summary>Nodes of the cluster, and replicas of every stream and bucket on it.</summary>
    public int ClusterNodes { get; init; } = 3;

    public required string ResultsDirectory { get; init; }

    /// <summary>Null with <c>--no-docs</c>: leave docs/benchmarks.md and the plot alone.</summary>
    public required string? DocsDirectory { get; init; }

    public static SuiteOptions Parse(IReadOnlyList<string> args)
    {
        var a = Arguments.Parse("suite", args, Flags, Options);
        var quick = a.Flag("--quick");
        var results = a.Text("--results") ?? Path.Combine(RepoPaths.Root, "bench", "results");
        return new SuiteOptions
        {
            Quick = quick,
            Steps = new StepSettings(
                a.Rates("--rates", StepSettings.DefaultRates),
                a.Seconds("--step-seconds", TimeSpan.FromSeconds(quick ? 4 : 15), 1, 600),
                TimeSpan.FromSeconds(quick ? 5 : 10),
                a.Number("--p99-limit-ms", 50, 0.1, 60_000)),
            StepRounds = (int)a.Number("--step-rounds", 3, 1, 9),
            Load = LoadSettings.Default with
            {
                MaxInFlight = (int)a.Number("--max-in-flight", LoadSettings.Default.MaxInFlight, 1, 100_000),
                RequestTimeout = a.Seconds("--timeout-seconds", LoadSettings.Default.RequestTimeout, 0.1, 300),
            },
            BaselineDuration = a.Seconds("--baseline-seconds", TimeSpan.FromSeconds(quick ? 3 : 10), 1, 600),
            E2eRate = a.Number("--e2e-rate", 1000, 1, 1_000_000),
            E2eModerateRate = a.Number("--e2e-moderate-rate", 50, 0, 1_000_000),
            E2eDuration = a.Seconds("--e2e-seconds", TimeSpan.FromSeconds(quick ? 10 : 30), 1, 3600),
            E2eFixedRate = a.Number("--e2e-fixed-rate", 100, 1, 1_000_000),
            SustainableRates = a.Rates("--sustainable-rates", [50, 100, 200, 300, 400, 500, 600, 800, 1000, 1250, 1500, 1750, 2000, 2500, 3000]),
            E2eWait = a.Seconds("--e2e-wait-seconds", TimeSpan.FromSeconds(quick ? 45 : 120), 1, 3600),
            BacklogWait = TimeSpan.FromSeconds(quick ? 60 : 180),
            Cluster = !a.Flag("--no-cluster"),
            AzuriteOnDisk = a.Flag("--azurite-on-disk"),
            ResultsDirectory = Path.GetFullPath(results),
            DocsDirectory = a.Flag("--no-docs") ? null : Path.Combine(RepoPaths.Root, "docs"),
        };
    }
}
