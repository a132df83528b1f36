using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>The direct baseline (bench/DirectIntake): the intake's work on bare Kestrel, publishing to streams of its own.</summary>
internal static class DirectIntakeService
{
    /// <summary>Prefix of its streams and subjects, so nothing it publishes reaches the system's consumers.</summary>
    public const string TopologyPrefix = "direct";

    public static Task<ServiceProcess> StartAsync(string natsUrl, CancellationToken cancellationToken) =>
        ServiceProcess.StartAsync("direct-intake", "bench/DirectIntake", "FunctionsOrders.DirectIntake.dll", "api/health",
            new Dictionary<string, string> { ["Nats__Url"] = natsUrl, ["Topology__Prefix"] = TopologyPrefix }, cancellationToken);
}
