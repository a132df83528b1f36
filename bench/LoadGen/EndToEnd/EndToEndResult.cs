using System.Diagnostics;
using System.Text.Json.Serialization;
using FunctionsOrders.LoadGen.Harness;
using FunctionsOrders.LoadGen.Load;

namespace FunctionsOrders.LoadGen.EndToEnd;

/// <summary>POST → final status at a fixed offered rate: how many orders finished within the wait, and how long each took.</summary>
internal sealed record EndToEndResult
{
    public required double RatePerS { get; init; }

    public required double DurationS { get; init; }

    /// <summary>How long the run waited, after the last POST was answered, for the remaining orders to finish.</summary>
    public required double WaitBudgetS { get; init; }

    public required long Accepted { get; init; }

    public required long Paid { get; init; }

    public required long PaymentFailed { get; init; }

    /// <summary>Accepted orders without a final status when the wait ended.</summary>
    public required long Unfinished { get; init; }

    /// <summary>Final statuses per second, from the first scheduled POST until the last final status.</summary>
    public required double CompletedPerS { get; init; }

    /// <summary>POST → Paid, from the scheduled send time; null when no order finished.</summary>
    [JsonPropertyName("p50_ms")]
    public required double? P50Ms { get; init; }

    [JsonPropertyName("p90_ms")]
    public required double? P90Ms { get; init; }

    [JsonPropertyName("p99_ms")]
    public required double? P99Ms { get; init; }

    public required double? MaxMs { get; init; }

    /// <summary>Messages of earlier runs the bridge had not yet settled when this run began.</summary>
    public long BacklogBefore { get; init; }

    /// <summary>CPU by process from the first POST until the wait ended, per finished order; null when not measured.</summary>
    public CpuUsage? Cpu { get; init; }

    /// <summary>The POST side of the run: what the intake answered and how fast.</summary>
    public required RunResult Post { get; init; }

    public static EndToEndResult From(double rate, TimeSpan duration, TimeSpan wait, RunResult post, OrderTracker tracker, long start)
    {
        // Late status changes may still be recorded: the latency figures come from one moment.
        var latency = tracker.Latency.Snapshot();
        var any = latency.Count > 0;
        var span = tracker.LastFinalTimestamp == 0 ? 0 : Stopwatch.GetElapsedTime(start, tracker.LastFinalTimestamp).TotalSeconds;
        return new EndToEndResult
        {
            RatePerS = rate,
            DurationS = duration.TotalSeconds,
            WaitBudgetS = wait.TotalSeconds,
            Accepted = tracker.AcceptedCount,
            Paid = tracker.Paid,
            PaymentFailed = tracker.PaymentFailed,
            Unfinished = tracker.AcceptedCount - tracker.Finished,
            CompletedPerS = span <= 0 ? 0 : Math.Round(tracker.Finished / span, 1),
            P50Ms = any ? Math.Round(latency.PercentileMs(0.50), 3) : null,
            P90Ms = any ? Math.Round(latency.PercentileMs(0.90), 3) : null,
            P99Ms = any ? Math.Round(latency.PercentileMs(0.99), 3) : null,
            MaxMs = any ? Math.Round(latency.MaxMs, 3) : null,
            Post = post,
        };
    }

    public string Summary() =>
        $"e2e at {RatePerS:0}/s for {DurationS:0} s: {Accepted} accepted, {Paid} Paid, {PaymentFailed} PaymentFailed, {Unfinished} unfinished " +
        $"after a {WaitBudgetS:0} s wait; POST -> final {(P50Ms is null ? "none finished" : $"p50 {P50Ms:0.#} ms, p99 {P99Ms:0.#} ms")}; " +
        $"{CompletedPerS:0.#} finished/s; POST errors {Post.Errors}";
}
