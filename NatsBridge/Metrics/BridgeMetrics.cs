using System.Diagnostics.Metrics;

namespace FunctionsOrders.NatsBridge.Metrics;

/// <summary>
/// The bridge's counters and histograms on the <c>FunctionsOrders.NatsBridge</c> meter: what OpenTelemetry exports
/// and what <c>/metrics</c> serves (docs/bridge-metrics.md lists the names). Every instrument carries the route;
/// those with a reason carry it as <c>reason</c>.
/// </summary>
internal sealed class BridgeMetrics
{
    public const string MeterName = "FunctionsOrders.NatsBridge";
    private static readonly double[] DispatchSecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly long[] DeliveryBuckets = [1, 2, 3, 5, 10];

    private readonly Counter<long> _fetched;
    private readonly Counter<long> _acked;
    private readonly Counter<long> _naked;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _terminated;
    private readonly Counter<long> _held;
    private readonly Counter<long> _settleFailed;
    private readonly Counter<long> _dispatchFailed;
    private readonly Counter<long> _probes;
    private readonly Counter<long> _split;
    private readonly Histogram<double> _dispatchDuration;
    private readonly Histogram<long> _deliveryCount;

    public BridgeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _fetched = meter.CreateCounter<long>("bridge.fetched", "{message}", "Messages fetched from the route's consumer.");
        _acked = meter.CreateCounter<long>("bridge.acked", "{message}", "Messages acknowledged.");
        _naked = meter.CreateCounter<long>("bridge.naked", "{message}", "Messages handed back for redelivery, by reason.");
        _deadLettered = meter.CreateCounter<long>("bridge.dead_lettered", "{message}", "Messages copied to DEADLETTER, by reason.");
        _terminated = meter.CreateCounter<long>("bridge.terminated", "{message}", "Messages terminated after their dead-letter copy was stored.");
        _held = meter.CreateCounter<long>("bridge.held", "{message}", "Messages kept in the bridge to be sent again in the same batch, by reason.");
        _settleFailed = meter.CreateCounter<long>("bridge.settle_failed", "{message}", "Acks, NAKs or terminations the server did not take, by kind.");
        _dispatchFailed = meter.CreateCounter<long>("bridge.dispatch_failed", "{request}", "Dispatch requests that got no usable answer, probes included, by reason.");
        _probes = meter.CreateCounter<long>("bridge.probes", "{request}", "Empty dispatches sent to learn whether the function answers again, by result.");
        _split = meter.CreateCounter<long>("bridge.split", "{batch}", "Failing batches split in two to find the message that makes them fail.");
        _dispatchDuration = meter.CreateHistogram("bridge.dispatch.duration", "s", "Time from the dispatch POST to its answer.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DispatchSecondsBuckets });
        _deliveryCount = meter.CreateHistogram("bridge.delivery.count", "{delivery}", "Delivery count of each fetched message.",
            tags: null, advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = DeliveryBuckets });
    }

    public void Fetched(string route, int count) => _fetched.Add(count, Route(route));

    public void Acked(string route) => _acked.Add(1, Route(route));

    public void Naked(string route, string reason) => _naked.Add(1, Route(route), Reason(reason));

    /// <summary>A message stored in DEADLETTER and then terminated.</summary>
    public void DeadLettered(string route, string reason)
    {
        _deadLettered.Add(1, Route(route), Reason(reason));
        _terminated.Add(1, Route(route));
    }

    public void Held(string route, string reason) => _held.Add(1, Route(route), Reason(reason));

    public void SettleFailed(string route, string kind) => _settleFailed.Add(1, Route(route), Reason(kind));

    public void DispatchFailed(string route, string reason) => _dispatchFailed.Add(1, Route(route), Reason(reason));

    public void Probed(string route, string result) => _probes.Add(1, Route(route), Reason(result));

    public void Split(string route) => _split.Add(1, Route(route));

    public void DispatchDuration(string route, TimeSpan elapsed) => _dispatchDuration.Record(elapsed.TotalSeconds, Route(route));

    public void DeliveryCount(string route, ulong count) => _deliveryCount.Record((long)count, Route(route));

    internal static KeyValuePair<string, object?> Route(string route) => new("route", route);

    private static KeyValuePair<string, object?> Reason(string reason) => new("reason", reason);
}
