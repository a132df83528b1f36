using System.Diagnostics;
using System.Diagnostics.Metrics;
using FunctionsOrders.PaymentFunctions.Provider;

namespace FunctionsOrders.PaymentFunctions.Telemetry;

/// <summary>Payments by outcome and reason, provider latency, and the provider breaker's state.</summary>
internal sealed class PaymentMetrics
{
    private readonly Counter<long> _messages;
    private readonly Histogram<double> _providerDuration;

    public PaymentMetrics(IMeterFactory meterFactory, ProviderCircuitState circuit)
    {
        var meter = meterFactory.Create(PaymentTelemetry.Name);
        _messages = meter.CreateCounter<long>("payments.messages", "{message}",
            "Payment messages handled, by outcome (ack, retry, reject), payment status and reason.");
        _providerDuration = meter.CreateHistogram<double>("payments.provider.duration", "s",
            "Duration of one HTTP attempt to the payment provider, by operation (charge, search) and status code.");
        meter.CreateObservableGauge("payments.provider.breaker.state", () => (int)circuit.State, "{state}",
            "State of the provider's circuit breaker: 0 closed, 1 open, 2 half-open, 3 isolated.");
    }

    public void MessageHandled(string outcome, string status, string reason)
    {
        var tags = new TagList { { "payments.outcome", outcome }, { "payments.status", status }, { "payments.reason", reason } };
        _messages.Add(1, tags);
    }

    public void ProviderCallCompleted(TimeSpan duration, string operation, string statusCode) =>
        _providerDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("payments.provider.operation", operation),
            new KeyValuePair<string, object?>("http.response.status_code", statusCode));
}
