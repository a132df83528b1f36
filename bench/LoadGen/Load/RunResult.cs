using System.Text.Json.Serialization;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>One open-loop run at a fixed offered rate: what was sent, what came back, and the latency from the scheduled send.</summary>
internal sealed record RunResult
{
    public required double OfferedRatePerS { get; init; }

    public required double DurationS { get; init; }

    public required long Sent { get; init; }

    /// <summary>Requests answered 202.</summary>
    public required long Accepted { get; init; }

    /// <summary>Non-202 answers, timeouts, refused connections and requests not sent because the in-flight cap was reached.</summary>
    public required long Errors { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorKinds { get; init; }

    /// <summary>202 answers per second, from the first scheduled send until the last answer.</summary>
    public required double AchievedRatePerS { get; init; }

    [JsonPropertyName("p50_ms")]
    public required double P50Ms { get; init; }

    [JsonPropertyName("p90_ms")]
    public required double P90Ms { get; init; }

    [JsonPropertyName("p99_ms")]
    public required double P99Ms { get; init; }

    [JsonPropertyName("p999_ms")]
    public required double P999Ms { get; init; }

    public required double MaxMs { get; init; }

    /// <summary>How late the generator sent its most delayed request; the latencies include this delay.</summary>
    public required double GeneratorLagMaxMs { get; init; }

    /// <summary>Set by step mode: p99 within the limit and no errors.</summary>
    public bool? Passed { get; init; }

    public static RunResult From(double rate, TimeSpan duration, RunCounters counters, TimeSpan elapsed)
    {
        var latency = counters.Latency.Snapshot();
        return new RunResult
        {
            OfferedRatePerS = rate,
            DurationS = duration.TotalSeconds,
            Sent = counters.Sent,
            Accepted = counters.Accepted,
            Errors = counters.Errors,
            ErrorKinds = counters.ErrorKinds,
            AchievedRatePerS = Math.Round(counters.Accepted / Math.Max(elapsed.TotalSeconds, 0.001), 1),
            P50Ms = Round(latency.PercentileMs(0.50)),
            P90Ms = Round(latency.PercentileMs(0.90)),
            P99Ms = Round(latency.PercentileMs(0.99)),
            P999Ms = Round(latency.PercentileMs(0.999)),
            MaxMs = Round(latency.MaxMs),
            GeneratorLagMaxMs = Round(counters.MaxLagTicks * 1000.0 / System.Diagnostics.Stopwatch.Frequency),
        };
    }

    public string Summary() =>
        $"offered {OfferedRatePerS:0}/s: sent {Sent}, 202 {Accepted}, errors {Errors}{Kinds()}, achieved {AchievedRatePerS:0.#}/s, " +
        $"p50 {P50Ms:0.##} ms, p99 {P99Ms:0.##} ms, max {MaxMs:0.#} ms";

    private string Kinds() => ErrorKinds.Count == 0 ? "" : " (" + string.Join(", ", ErrorKinds.Select(k => $"{k.Key} {k.Value}")) + ")";

    private static double Round(double value) => double.IsNaN(value) ? 0 : Math.Round(value, 3);
}
