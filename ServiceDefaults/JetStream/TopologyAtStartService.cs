using FunctionsOrders.Contracts.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>
/// Checks, when the host starts and in the background, the streams and buckets it uses: each one missing or set
/// differently is logged as an error, and nothing is changed (<c>NatsBridge topology apply</c> changes them). With
/// <c>Topology:AtStart=Apply</c> (Development only) it creates and updates the streams and the bucket instead. A host
/// whose NATS is not up yet still starts, and keeps trying with backoff.
/// </summary>
internal sealed class TopologyAtStartService(
    JetStreamTopologyInitializer initializer,
    IOptions<TopologyOptions> options,
    IOptions<TopologyAtStartScope> scope,
    TimeProvider time,
    ILogger<TopologyAtStartService> logger) : BackgroundService
{
    /// <summary>What the last check found; empty until it ran.</summary>
    public IReadOnlyList<TopologyChange> Report { get; private set; } = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                Report = options.Value.AtStart == TopologyAtStart.Apply
                    ? await initializer.EnsureAsync([], stoppingToken)
                    : await initializer.VerifyAsync(scope.Value.Items, [], stoppingToken);
                return;
            }
            catch (TopologyConflictException ex)
            {
                Log.TopologyConflict(logger, ex);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Min(attempt, 6))));
                Log.TopologyRetry(logger, delay.TotalMilliseconds, ex);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }
}
