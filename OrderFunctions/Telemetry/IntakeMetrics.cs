using System.Diagnostics.Metrics;
using FunctionsOrders.ServiceDefaults.JetStream;

namespace FunctionsOrders.OrderFunctions.Telemetry;

/// <summary>Metrics of the order API on the <c>FunctionsOrders.OrderFunctions</c> meter.</summary>
internal sealed class IntakeMetrics : IDisposable
{
    public const string MeterName = "FunctionsOrders.OrderFunctions";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _publishDuration;

    public IntakeMetrics(IJetStreamPublisher publisher)
    {
        _accepted = _meter.CreateCounter<long>("orders.accepted", description: "Orders stored by JetStream and answered 202.");
        _rejected = _meter.CreateCounter<long>("orders.rejected", description: "Orders refused, by reason.");
        _publishDuration = _meter.CreateHistogram<double>("orders.publish.duration", "ms", "Time from publish to PubAck, retries included.");
        _meter.CreateObservableGauge("orders.publish.in_flight", () => publisher.InFlight, description: "Publishes awaiting their PubAck.");
    }

    public void Accepted(bool duplicate) => _accepted.Add(1, new KeyValuePair<string, object?>("duplicate", duplicate));

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void PublishDuration(TimeSpan elapsed) => _publishDuration.Record(elapsed.TotalMilliseconds);

    public void Dispose() => _meter.Dispose();
}
