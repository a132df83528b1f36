namespace FunctionsOrders.OtlpSink;

/// <summary>Export calls and their bytes by OTLP signal (traces, metrics, logs).</summary>
internal sealed class ExportCounts
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Calls, long Bytes)> _bySignal = new(StringComparer.Ordinal);

    public void Add(string service, long bytes)
    {
        var signal = service switch
        {
            "opentelemetry.proto.collector.trace.v1.TraceService" => "traces",
            "opentelemetry.proto.collector.metrics.v1.MetricsService" => "metrics",
            "opentelemetry.proto.collector.logs.v1.LogsService" => "logs",
            _ => "other",
        };
        lock (_lock)
        {
            var (calls, total) = _bySignal.GetValueOrDefault(signal);
            _bySignal[signal] = (calls + 1, total + bytes);
        }
    }

    public Dictionary<string, SignalCount> Snapshot()
    {
        lock (_lock)
        {
            return _bySignal.ToDictionary(p => p.Key, p => new SignalCount(p.Value.Calls, p.Value.Bytes));
        }
    }
}

/// <summary>Calls and bytes of one signal.</summary>
internal sealed record SignalCount(long Calls, long Bytes);
