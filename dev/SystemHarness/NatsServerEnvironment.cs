namespace FunctionsOrders.SystemHarness;

/// <summary>
/// The environment the harness starts nats-server with. Here it shares two cores with eight other processes; with the
/// Go runtime's default of one scheduler thread per core it parked and woke its threads about twice as often for the
/// same traffic, and each wake-up is costly on this kind of virtual machine. One scheduler thread (<c>GOMAXPROCS=1</c>)
/// halved its context switches and lowered its CPU per order by an eighth to a fifth (docs/benchmarks.md); a
/// <c>GOMAXPROCS</c> already in the environment is left as it is. The nodes of a cluster keep Go's default: with one
/// scheduler thread each, a deliberately lagging node was reported offline to stream placement.
/// </summary>
public static class NatsServerEnvironment
{
    /// <summary>The variables to add to the inherited environment.</summary>
    public static IDictionary<string, string> Variables() =>
        Environment.GetEnvironmentVariable("GOMAXPROCS") is { Length: > 0 }
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["GOMAXPROCS"] = "1" };
}
