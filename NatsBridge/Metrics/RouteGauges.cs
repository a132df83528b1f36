using System.Diagnostics.Metrics;
using FunctionsOrders.NatsBridge.Dispatch;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Metrics;

/// <summary>
/// Per-route gauges on the bridge's meter: whether the route is paused, and its consumer's pending and ack-pending
/// counts. The consumer counts take a JetStream request each, which an instrument callback cannot await, so they
/// are read for each scrape of <c>/metrics</c> (<see cref="ScrapeAsync"/>) and reported only while one runs:
/// a periodic OpenTelemetry export in between gets the pause gauge and no stale consumer counts.
/// </summary>
internal sealed class RouteGauges
{
    private readonly BridgeService _bridge;
    private readonly INatsJSContext _js;
    private readonly Lock _lock = new();
    private IReadOnlyList<ConsumerReading> _readings = [];
    private int _scrapes;

    public RouteGauges(IMeterFactory meterFactory, BridgeService bridge, INatsJSContext js)
    {
        _bridge = bridge;
        _js = js;
        var meter = meterFactory.Create(BridgeMetrics.MeterName);
        meter.CreateObservableGauge("bridge.route.paused", ObservePaused, unit: null, description:
            "1 while the route fetches nothing: its breaker is open or the function asked for a pause; 0 otherwise.");
        meter.CreateObservableGauge("bridge.consumer.pending", () => Observe(r => r.Pending), "{message}",
            "Messages of the route's stream not yet delivered to its consumer, read from NATS for each scrape.");
        meter.CreateObservableGauge("bridge.consumer.ack_pending", () => Observe(r => r.AckPending), "{message}",
            "Messages delivered to the route's consumer and not yet acknowledged, read from NATS for each scrape.");
    }

    /// <summary>Reads every route's consumer from NATS, runs <paramref name="scrape"/>, then forgets the readings.</summary>
    public async Task ScrapeAsync(Func<Task> scrape, CancellationToken cancellationToken)
    {
        var readings = await ReadConsumersAsync(cancellationToken);
        lock (_lock)
        {
            _scrapes++;
            _readings = readings;
        }

        try
        {
            await scrape();
        }
        finally
        {
            lock (_lock)
            {
                if (--_scrapes == 0)
                {
                    _readings = [];
                }
            }
        }
    }

    private async Task<IReadOnlyList<ConsumerReading>> ReadConsumersAsync(CancellationToken cancellationToken)
    {
        var readings = new List<ConsumerReading>();
        foreach (var worker in _bridge.Workers)
        {
            try
            {
                var info = (await _js.GetConsumerAsync(worker.Route.Stream, worker.Route.Consumer, cancellationToken)).Info;
                readings.Add(new ConsumerReading(worker.Route.Name, (long)info.NumPending, info.NumAckPending));
            }
            catch (NatsException)
            {
                // NATS unreachable: this route's consumer gauges are left out rather than made up.
            }
        }

        return readings;
    }

    private IEnumerable<Measurement<int>> ObservePaused() =>
        _bridge.Workers.Select(w => new Measurement<int>(w.Paused ? 1 : 0, BridgeMetrics.Route(w.Route.Name)));

    private IEnumerable<Measurement<long>> Observe(Func<ConsumerReading, long> value) =>
        Volatile.Read(ref _readings).Select(r => new Measurement<long>(value(r), BridgeMetrics.Route(r.Route)));

    private sealed record ConsumerReading(string Route, long Pending, long AckPending);
}
