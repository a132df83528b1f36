using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsOrders.LoadGen.EndToEnd;
using FunctionsOrders.LoadGen.Harness;
using FunctionsOrders.LoadGen.Load;

namespace FunctionsOrders.LoadGen.Report;

/// <summary>One run of the suite, as written to <c>bench/results/*.json</c> (snake_case keys).</summary>
internal sealed record SuiteReport
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public int SchemaVersion { get; init; } = 1;

    public required DateTimeOffset MeasuredAt { get; init; }

    /// <summary><c>quick</c> or <c>full</c>.</summary>
    public required string Mode { get; init; }

    public required double SuiteSeconds { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string LoadAverageAtEnd { get; init; }

    /// <summary>CPU milliseconds of the CPU probe at the end of the run; with the one at the start, how fast the machine was.</summary>
    public double? CpuProbeMsAtEnd { get; init; }

    public required SettingsSection Settings { get; init; }

    /// <summary>The order intake through the local Functions host, in step mode.</summary>
    public required StepSeries Intake { get; init; }

    /// <summary>
    /// Every climb of the step ladder: the direct intake and the intake in alternating rounds. <see cref="Intake"/> and
    /// the baseline's direct steps are each side's median round.
    /// </summary>
    public StepRounds? StepRounds { get; init; }

    /// <summary>End to end at the rate of <c>--e2e-rate</c> (1,000/s unless given).</summary>
    public required EndToEndResult E2e { get; init; }

    /// <summary>End to end at a moderate rate first (<c>--e2e-moderate-rate</c>), for the latency of an unsaturated system.</summary>
    public EndToEndResult? E2eModerate { get; init; }

    /// <summary>End to end at the fixed rate of <c>--e2e-fixed-rate</c> (100/s): the headline CPU per order and latency.</summary>
    public EndToEndResult? E2eFixed { get; init; }

    /// <summary>The highest end-to-end rate the system sustains, and each rate tried.</summary>
    public SustainableResult? E2eSustainable { get; init; }

    /// <summary>Orders one at a time on the idle, warm system.</summary>
    public SingleOrderResult? Idle { get; init; }

    /// <summary>What the OTLP receiver got from the services during the single-node part, by signal.</summary>
    public IReadOnlyDictionary<string, TelemetryReceived>? TelemetryReceived { get; init; }

    /// <summary>CPU of the whole system idle for a few seconds before the end-to-end runs; null off Linux.</summary>
    public CpuUsage? IdleCpu { get; init; }

    public required BaselineSection Baseline { get; init; }

    public required RatioSection Ratios { get; init; }

    /// <summary>The JetStream baselines and the moderate end-to-end run on a three-node cluster; null with <c>--no-cluster</c>.</summary>
    public ClusterSection? Cluster { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";
}
