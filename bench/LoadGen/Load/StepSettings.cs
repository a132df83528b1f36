namespace FunctionsOrders.LoadGen.Load;

/// <summary>How step mode raises the offered rate, and what a step must meet to pass.</summary>
internal sealed record StepSettings(IReadOnlyList<double> Rates, TimeSpan StepDuration, TimeSpan Warmup, double P99LimitMs)
{
    public static IReadOnlyList<double> DefaultRates { get; } =
        [50, 100, 250, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 7000, 8000, 10_000, 12_000, 15_000, 20_000, 25_000, 30_000];
}
