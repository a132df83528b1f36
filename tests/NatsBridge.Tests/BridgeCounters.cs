using System.Diagnostics.Metrics;
using FunctionsOrders.NatsBridge.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>
/// The bridge's counters as one host's meter recorded them (<c>bridge.acked</c>, <c>bridge.naked</c>, ...), read
/// in-process: other bridges running in the same test process are not counted.
/// </summary>
internal sealed class BridgeCounters : IDisposable
{
    private static readonly string[] Names =
        ["fetched", "acked", "naked", "dead_lettered", "terminated", "held", "settle_failed", "dispatch_failed", "probes", "split"];

    private readonly Dictionary<string, MetricCollector<long>> _collectors;

    /// <summary>Starts recording; create it before the host counts anything.</summary>
    public BridgeCounters(IMeterFactory meterFactory) =>
        _collectors = Names.ToDictionary(n => n, n => new MetricCollector<long>(meterFactory, BridgeMetrics.MeterName, "bridge." + n), StringComparer.Ordinal);

    /// <summary>The count of <c>bridge.</c><paramref name="name"/> on <paramref name="route"/> with exactly this reason (empty: none).</summary>
    public long Get(string name, string route, string reason = "") =>
        _collectors[name].GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags["route"], route) && Equals(m.Tags.GetValueOrDefault("reason") ?? "", reason))
            .Sum(m => m.Value);

    public void Dispose()
    {
        foreach (var collector in _collectors.Values)
        {
            collector.Dispose();
        }
    }
}
