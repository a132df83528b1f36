using FunctionsOrders.LoadGen.Harness;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.LoadGen.EndToEnd;

/// <summary>
/// The highest end-to-end rate the system sustains: offered rates in increasing order, each for a fixed time; a rate
/// holds when every POST was accepted, every order reached its final status within a few seconds of the last POST,
/// and POST → final p99 stayed within the limit. Stops at the first rate that does not hold.
/// </summary>
internal sealed class SustainableRateSearch(Func<string, EndToEndRunner> runner, TextWriter output)
{
    public async Task<SustainableResult> RunAsync(
        INatsKVStore statusBucket, IReadOnlyList<double> rates, TimeSpan step, TimeSpan finishWithin, double p99LimitMs, ProcessCpuMeter? cpu,
        CancellationToken cancellationToken)
    {
        var steps = new List<SustainableStep>();
        double? best = null;
        string? stoppedBecause = null;
        foreach (var rate in rates)
        {
            output.WriteLine($"sustainable: {rate:0}/s for {step.TotalSeconds:0} s, every order final within {finishWithin.TotalSeconds:0} s of the last POST, p99 <= {p99LimitMs:0} ms");
            var run = await runner($"sustain-{rate:0}").RunAsync(statusBucket, rate, step, finishWithin, cancellationToken, cpu);
            var problem = run.Post.Errors > 0 ? $"{run.Post.Errors} POST errors"
                : run.Unfinished > 0 ? $"{run.Unfinished} of {run.Accepted} orders unfinished {finishWithin.TotalSeconds:0} s after the last POST"
                : run.P99Ms is not { } p99 ? "no order finished"
                : p99 > p99LimitMs ? $"p99 {p99:0.#} ms > {p99LimitMs:0} ms"
                : null;
            steps.Add(new SustainableStep
            {
                RatePerS = rate,
                Accepted = run.Accepted,
                Unfinished = run.Unfinished,
                PostErrors = run.Post.Errors,
                P50Ms = run.P50Ms,
                P99Ms = run.P99Ms,
                CompletedPerS = run.CompletedPerS,
                CpuMsPerOrder = run.Cpu?.SystemCpuMsPerOrder,
                CoresBusy = run.Cpu?.CoresBusy,
                Held = problem is null,
            });
            if (problem is not null)
            {
                stoppedBecause = $"{rate:0}/s: {problem}";
                break;
            }

            best = rate;
        }

        output.WriteLine(best is null
            ? $"sustainable: no rate held; stopped at {stoppedBecause}"
            : $"sustainable: {best:0}/s held{(stoppedBecause is null ? " (the highest rate tried)" : $"; stopped at {stoppedBecause}")}");
        return new SustainableResult
        {
            MaxRatePerS = best,
            StepS = step.TotalSeconds,
            FinishWithinS = finishWithin.TotalSeconds,
            P99LimitMs = p99LimitMs,
            StoppedBecause = stoppedBecause,
            Steps = steps,
        };
    }
}

/// <summary>What <see cref="SustainableRateSearch"/> found.</summary>
internal sealed record SustainableResult
{
    /// <summary>The highest offered rate that held; null when none did.</summary>
    public required double? MaxRatePerS { get; init; }

    public required double StepS { get; init; }

    public required double FinishWithinS { get; init; }

    public required double P99LimitMs { get; init; }

    public required string? StoppedBecause { get; init; }

    public required IReadOnlyList<SustainableStep> Steps { get; init; }
}

/// <summary>One rate of the search.</summary>
internal sealed record SustainableStep
{
    public required double RatePerS { get; init; }

    public required long Accepted { get; init; }

    public required long Unfinished { get; init; }

    public required long PostErrors { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("p50_ms")]
    public required double? P50Ms { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("p99_ms")]
    public required double? P99Ms { get; init; }

    public required double CompletedPerS { get; init; }

    /// <summary>CPU of the system's processes per finished order (load generator and telemetry receiver left out).</summary>
    public required double? CpuMsPerOrder { get; init; }

    public required double? CoresBusy { get; init; }

    public required bool Held { get; init; }
}
