using FunctionsOrders.Contracts.Security;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.NatsBridge.Routing;
using FunctionsOrders.ServiceDefaults.Extensions;
using FunctionsOrders.ServiceDefaults.JetStream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.NatsBridge.Topology;

/// <summary>
/// <c>NatsBridge topology apply|verify|users</c>, with the bridge's configuration (<c>Nats</c>, <c>Topology</c>,
/// <c>Bridge:Routes</c>) and no HTTP. <c>apply</c> creates and updates the streams, the bucket and the routes' durable
/// consumers, and must connect as the topology user; <c>verify</c> changes nothing and exits with 1 when anything
/// differs; <c>users</c> prints the server's authorization block, passwords read from the server's environment.
/// </summary>
internal static class TopologyCommand
{
    public const string Usage = "usage: NatsBridge topology apply|verify|users";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [("apply" or "verify" or "users") and var verb])
        {
            await error.WriteLineAsync($"topology: {(args.Length == 0 ? "a verb is required" : $"unexpected argument '{string.Join(' ', args)}'")}\n{Usage}");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddJetStreamTopology();
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            var topology = host.Services.GetRequiredService<JetStreamTopology>();
            var consumers = RouteConsumers(builder.Configuration, topology);
            if (verb == "users")
            {
                var users = new NatsPermissions(topology, consumers).All();
                await output.WriteAsync(NatsAuthorizationBlock.Render(users, NatsAuthorizationBlock.EnvironmentVariable));
                return 0;
            }

            var initializer = host.Services.GetRequiredService<JetStreamTopologyInitializer>();
            var report = verb == "apply"
                ? await initializer.EnsureAsync(consumers, timeout.Token)
                : await initializer.VerifyAsync(consumers: consumers, cancellationToken: timeout.Token);
            foreach (var item in report)
            {
                await output.WriteLineAsync($"{item.Kind} {item.Name}: {item.Action.ToString().ToLowerInvariant()}" +
                    (item.Differences.Count == 0 ? string.Empty : $" ({string.Join("; ", item.Differences)})"));
            }

            return report.Any(i => i.Action is TopologyAction.Missing or TopologyAction.Differs) ? 1 : 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"topology {verb}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The durable consumers of the configured routes; the system's defaults when none is configured.</summary>
    private static IReadOnlyList<ConsumerDefinition> RouteConsumers(IConfiguration configuration, JetStreamTopology topology)
    {
        var routes = configuration.GetSection(BridgeOptions.SectionName).Get<BridgeOptions>()?.Routes ?? [];
        return routes.Count == 0
            ? topology.DefaultConsumers()
            : routes.Select(r => BridgeRoute.Resolve(r.Key, r.Value, topology).ConsumerDefinition()).ToList();
    }
}
