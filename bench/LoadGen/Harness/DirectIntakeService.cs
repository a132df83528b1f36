using System.Security.Cryptography;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>The direct baseline (bench/DirectIntake): the intake's work on bare Kestrel, publishing to streams of its own.</summary>
internal static class DirectIntakeService
{
    /// <summary>Prefix of its streams and subjects, so nothing it publishes reaches the system's consumers.</summary>
    public const string TopologyPrefix = "direct";

    /// <summary>
    /// Applies its topology (it only verifies it, as every host does), then starts it on a free port. It runs in the
    /// Production environment, which takes a key for its order ids: one is generated per run, as the AppHost does.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string natsUrl, CancellationToken cancellationToken)
    {
        var nats = new Dictionary<string, string> { ["Nats__Url"] = natsUrl, ["Topology__Prefix"] = TopologyPrefix };
        await TopologyApply.RunAsync(nats, cancellationToken);
        return await ServiceProcess.StartAsync("direct-intake", "bench/DirectIntake", "FunctionsOrders.DirectIntake.dll", "api/health",
            new Dictionary<string, string>(nats) { ["Orders__OrderIdKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
            cancellationToken);
    }
}
