using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>
/// Ensures the streams and the bucket when the host starts, in the background: a host whose NATS is not up yet still
/// starts, and keeps trying with backoff. A conflicting topology is logged as an error and not retried.
/// </summary>
internal sealed class TopologyAtStartService(JetStreamTopologyInitializer initializer, TimeProvider time, ILogger<TopologyAtStartService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await initializer.EnsureAsync([], stoppingToken);
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
