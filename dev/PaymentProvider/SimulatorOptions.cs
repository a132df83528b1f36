namespace FunctionsOrders.PaymentProvider;

/// <summary>How the simulator behaves (configuration section <c>Simulator</c>; command line <c>--Simulator:Key=value</c>).</summary>
internal sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>
    /// How long an idempotency key is remembered after its first charge; afterwards the same key charges again, as
    /// with a real provider (about 24 h). Default: empty, keys are remembered for the simulator's lifetime.
    /// </summary>
    public TimeSpan? IdempotencyKeyTtl { get; set; }
}
