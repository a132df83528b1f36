using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.NatsBridge.Metrics;
using FunctionsOrders.NatsBridge.Routing;
using FunctionsOrders.ServiceDefaults.JetStream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;
using Polly.Registry;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// Verifies the streams the routes read and DEADLETTER (each difference logged as an error, nothing changed), ensures
/// the routes' own durable consumers, runs one <see cref="RouteWorker"/> per route, and drains them on stop. With
/// <c>Topology:AtStart=Apply</c> (Development only) it creates and updates the streams and the bucket too.
/// </summary>
internal sealed class BridgeService(
    IOptions<BridgeOptions> options,
    JetStreamTopology topology,
    JetStreamTopologyInitializer initializer,
    IOptions<TopologyOptions> topologyOptions,
    INatsJSContext js,
    BatchDispatcher dispatcher,
    BatchSettler settler,
    BridgeMetrics metrics,
    ResiliencePipelineProvider<string> pipelines,
    TimeProvider time,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<BridgeService>();
    private volatile IReadOnlyList<RouteWorker> _workers = [];

    public IReadOnlyList<RouteWorker> Workers => _workers;

    public bool TopologyReady { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var routes = options.Value.Routes.Select(r => BridgeRoute.Resolve(r.Key, r.Value, topology)).ToList();
        await EnsureTopologyAsync(routes, stoppingToken);
        // One registry for all routes: a route lingers while another route's function is busy with other orders too.
        var atFunctions = new KeysAtFunctions();
        _workers = routes.Select(route => new RouteWorker(
            route, js, dispatcher, settler, metrics, pipelines.GetPipeline(BridgePipelines.DispatchKey(route.Name)), time,
            loggerFactory.CreateLogger("FunctionsOrders.NatsBridge.Route." + route.Name), atFunctions)).ToList();
        await Task.WhenAll(_workers.Select(w => w.RunAsync(stoppingToken)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_workers.Select(w => w.DrainAsync(options.Value.ShutdownTimeout)));
    }

    private async Task EnsureTopologyAsync(IReadOnlyList<BridgeRoute> routes, CancellationToken stoppingToken)
    {
        var apply = topologyOptions.Value.AtStart == TopologyAtStart.Apply;
        var verified = false;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var consumers = routes.Select(r => r.ConsumerDefinition()).ToList();
                if (apply)
                {
                    await initializer.EnsureAsync(consumers, stoppingToken);
                }
                else
                {
                    if (!verified)
                    {
                        var streams = routes.Select(r => r.Options.Stream).Append(TopologyNames.DeadLetterStream).Distinct(StringComparer.Ordinal);
                        await initializer.VerifyAsync(streams, [], stoppingToken);
                        verified = true;
                    }

                    // The bridge's own consumers, and nothing else: its NATS user may create and update only these.
                    await initializer.EnsureConsumersAsync(consumers, stoppingToken);
                }

                TopologyReady = true;
                return;
            }
            catch (Exception ex) when (ex is not TopologyConflictException && !stoppingToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 250 * Math.Pow(2, Math.Min(attempt, 5))));
                Log.FetchFailed(_logger, "(topology)", delay.TotalMilliseconds, ex);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }
}
