using System.Globalization;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>
/// Step mode: a warm-up, then one open-loop run per rate, rising, until a step has p99 over the limit or any error
/// (a non-202, a timeout, a refused connection, the in-flight cap reached). The system may saturate early: the first
/// failing step ends the series.
/// </summary>
internal sealed class StepRunner(OpenLoopRunner runner, StepSettings settings, TextWriter output)
{
    public const double WarmupRate = 250;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public async Task<StepSeries> RunAsync(string name, CancellationToken cancellationToken)
    {
        // Long enough and busy enough for the JIT to settle the hot paths of every process on the way (a
        // request through the Functions path crosses two), so the first step does not measure compilation.
        var warmupRate = WarmupRate;
        output.WriteLine($"{name}: warm-up, {settings.Warmup.TotalSeconds:0} s at {warmupRate:0}/s (not counted)");
        await runner.RunAsync(name + " warm-up", warmupRate, settings.Warmup, null, cancellationToken);

        var steps = new List<RunResult>();
        RunResult? best = null;
        var stopped = "every step passed";
        foreach (var rate in settings.Rates)
        {
            await Task.Delay(Settle, cancellationToken);
            var result = await runner.RunAsync($"{name} {rate:0}/s", rate, settings.StepDuration, null, cancellationToken);
            var failure = Failure(result);
            steps.Add(result with { Passed = failure is null });
            output.WriteLine($"{name}: {result.Summary()} -> {(failure is null ? "pass" : "FAIL: " + failure)}");
            if (failure is not null)
            {
                stopped = $"{rate.ToString("0", CultureInfo.InvariantCulture)}/s: {failure}";
                break;
            }

            best = result;
        }

        return new StepSeries
        {
            MaxRatePerS = best?.OfferedRatePerS ?? 0,
            P50Ms = best?.P50Ms,
            P99Ms = best?.P99Ms,
            P99LimitMs = settings.P99LimitMs,
            StepS = settings.StepDuration.TotalSeconds,
            StoppedBecause = stopped,
            Steps = steps,
        };
    }

    private string? Failure(RunResult result)
    {
        if (result.Errors > 0)
        {
            return $"{result.Errors} error(s)";
        }

        if (result.Accepted == 0)
        {
            return "no answer";
        }

        return result.P99Ms > settings.P99LimitMs
            ? string.Create(CultureInfo.InvariantCulture, $"p99 {result.P99Ms:0.#} ms > {settings.P99LimitMs:0} ms")
            : null;
    }
}
