using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace FunctionsOrders.NatsBridge.Metrics;

/// <summary>
/// The bridge's counters and histograms, published on the <c>FunctionsOrders.NatsBridge</c> meter for OpenTelemetry
/// and kept here as well for the Prometheus text at <c>/metrics</c>.
/// </summary>
internal sealed class BridgeMetrics
{
    public const string MeterName = "FunctionsOrders.NatsBridge";
    private static readonly double[] LatencyBucketsMs = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
    private static readonly double[] DeliveryBuckets = [1, 2, 3, 5, 10];

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<(string Name, string Route, string Reason), long> _counters = new();
    private readonly ConcurrentDictionary<(string Name, string Route), Histogram> _histograms = new();
    private readonly Counter<long> _messages;
    private readonly Histogram<double> _dispatchLatency;
    private readonly Histogram<long> _deliveryCount;

    public BridgeMetrics()
    {
        _messages = _meter.CreateCounter<long>("bridge.messages", description: "Messages by route and what happened to them.");
        _dispatchLatency = _meter.CreateHistogram<double>("bridge.dispatch.duration", "ms", "Time from dispatch POST to answer.");
        _deliveryCount = _meter.CreateHistogram<long>("bridge.delivery.count", description: "Delivery count of fetched messages.");
    }

    public void Count(string name, string route, string reason = "", long value = 1)
    {
        _counters.AddOrUpdate((name, route, reason), value, (_, v) => v + value);
        _messages.Add(value, new("route", route), new("event", name), new("reason", reason));
    }

    public void DispatchLatency(string route, TimeSpan elapsed)
    {
        _histograms.GetOrAdd(("bridge_dispatch_duration_ms", route), _ => new Histogram(LatencyBucketsMs)).Observe(elapsed.TotalMilliseconds);
        _dispatchLatency.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("route", route));
    }

    public void DeliveryCount(string route, ulong count)
    {
        _histograms.GetOrAdd(("bridge_delivery_count", route), _ => new Histogram(DeliveryBuckets)).Observe(count);
        _deliveryCount.Record((long)count, new KeyValuePair<string, object?>("route", route));
    }

    public long Get(string name, string route, string reason = "") => _counters.GetValueOrDefault((name, route, reason));

    /// <summary>Writes counters and histograms in the Prometheus text format.</summary>
    public void WritePrometheus(StringBuilder text)
    {
        foreach (var group in _counters.GroupBy(c => c.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append("# TYPE bridge_").Append(group.Key).Append("_total counter\n");
            foreach (var ((_, route, reason), value) in group.OrderBy(c => c.Key.Route, StringComparer.Ordinal))
            {
                text.Append("bridge_").Append(group.Key).Append("_total{route=\"").Append(route).Append('"');
                if (reason.Length > 0)
                {
                    text.Append(",reason=\"").Append(reason).Append('"');
                }

                text.Append("} ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        foreach (var ((name, route), histogram) in _histograms.OrderBy(h => h.Key.Name, StringComparer.Ordinal))
        {
            histogram.Write(text, name, route);
        }
    }

    private sealed class Histogram(double[] bounds)
    {
        private readonly long[] _buckets = new long[bounds.Length + 1];
        private readonly Lock _lock = new();
        private double _sum;
        private long _count;

        public void Observe(double value)
        {
            lock (_lock)
            {
                var i = Array.FindIndex(bounds, b => value <= b);
                _buckets[i < 0 ? bounds.Length : i]++;
                _sum += value;
                _count++;
            }
        }

        public void Write(StringBuilder text, string name, string route)
        {
            lock (_lock)
            {
                text.Append("# TYPE ").Append(name).Append(" histogram\n");
                long cumulative = 0;
                for (var i = 0; i <= bounds.Length; i++)
                {
                    cumulative += _buckets[i];
                    var le = i < bounds.Length ? bounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{route=\"{route}\",le=\"{le}\"}} {cumulative}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{route=\"{route}\"}} {_sum}\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}_count{{route=\"{route}\"}} {_count}\n");
            }
        }
    }
}
