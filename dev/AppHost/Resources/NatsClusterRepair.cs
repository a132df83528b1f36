using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.AppHost.Resources;

/// <summary>
/// Watches the three local nodes until their JetStream meta group counts all three, and restarts a node the group
/// left out when it bootstrapped (see <see cref="NatsMetaGroup"/>): without it, such a run, and every later run on the
/// same stores, would never place a three-replica stream.
/// </summary>
internal sealed class NatsClusterRepair(
    IReadOnlyList<(IResource Resource, int MonitorPort)> nodes,
    ResourceCommandService commands,
    ILogger<NatsClusterRepair> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private const int ChecksBeforeRestart = 5;
    private const int MaxRestarts = 3;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static void Add(IDistributedApplicationBuilder builder, IReadOnlyList<(IResourceBuilder<ExecutableResource> Server, int MonitorPort)> nodes) =>
        builder.Services.AddHostedService(services => new NatsClusterRepair(
            nodes.Select(node => ((IResource)node.Server.Resource, node.MonitorPort)).ToList(),
            services.GetRequiredService<ResourceCommandService>(),
            services.GetRequiredService<ILogger<NatsClusterRepair>>()));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = nodes.Select(node => node.Resource.Name).ToList();
        string? suspect = null;
        var seen = 0;
        var restarts = 0;
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var views = await ReadAsync(stoppingToken);
            if (views.Count == names.Count && views.All(v => v.Leader is not null && v.Leader == views[0].Leader && v.ClusterSize == names.Count))
            {
                return;
            }

            var leftOut = NatsMetaGroup.LeftOut(names, views);
            seen = leftOut is not null && leftOut == suspect ? seen + 1 : leftOut is null ? 0 : 1;
            suspect = leftOut;
            if (seen < ChecksBeforeRestart || suspect is null)
            {
                continue;
            }

            if (restarts == MaxRestarts)
            {
                logger.LogError(
                    "The JetStream meta group still leaves out {Node} after {Restarts} restarts; stop the run, delete the nodes' stores (.run/apphost/nats-1..3) and start again.",
                    suspect, restarts);
                return;
            }

            restarts++;
            logger.LogWarning("The JetStream meta group formed without {Node} (a nats-server start-up race); restarting {Node} so that the leader adds it.", suspect, suspect);
            var result = await commands.ExecuteCommandAsync(nodes.Single(node => node.Resource.Name == suspect).Resource, KnownResourceCommands.RestartCommand, stoppingToken);
            if (!result.Success)
            {
                logger.LogError("Restarting {Node} failed: {Error}", suspect, result.Message);
            }

            seen = 0;
        }
    }

    private async Task<List<NatsMetaGroup.NodeView>> ReadAsync(CancellationToken cancellationToken)
    {
        var views = new List<NatsMetaGroup.NodeView>();
        foreach (var (resource, port) in nodes)
        {
            try
            {
                var jsz = await Http.GetStringAsync(new Uri($"http://{Ports.Host}:{port}/jsz"), cancellationToken);
                if (NatsMetaGroup.Parse(resource.Name, jsz) is { } view)
                {
                    views.Add(view);
                }
            }
            catch (Exception e) when (e is HttpRequestException || e is System.Text.Json.JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not up yet, or restarting.
            }
        }

        return views;
    }
}
