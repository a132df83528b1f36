using System.Text.Json.Serialization;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>The outcome of step mode: the highest rate that held the limit, and every step run.</summary>
internal sealed record StepSeries
{
    /// <summary>Highest offered rate with p99 within the limit and no errors; 0 when even the first step failed.</summary>
    public required double MaxRatePerS { get; init; }

    /// <summary>p50 at <see cref="MaxRatePerS"/>; null when no step passed.</summary>
    [JsonPropertyName("p50_ms")]
    public required double? P50Ms { get; init; }

    /// <summary>p99 at <see cref="MaxRatePerS"/>; null when no step passed.</summary>
    [JsonPropertyName("p99_ms")]
    public required double? P99Ms { get; init; }

    [JsonPropertyName("p99_limit_ms")]
    public required double P99LimitMs { get; init; }

    public required double StepS { get; init; }

    public required string StoppedBecause { get; init; }

    public required IReadOnlyList<RunResult> Steps { get; init; }
}
