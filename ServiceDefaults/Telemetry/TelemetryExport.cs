using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace FunctionsOrders.ServiceDefaults.Telemetry;

/// <summary>Which exporters the configuration asks for.</summary>
internal static class TelemetryExport
{
    /// <summary>OTLP endpoint (the standard OpenTelemetry variable); OTLP export is on when it is set.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Application Insights connection string; Azure Monitor export is on when it is set.</summary>
    public const string AzureMonitorKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static bool UsesOtlp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    public static string? AzureMonitorConnectionString(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[AzureMonitorKey]) ? null : configuration[AzureMonitorKey];

    /// <summary>The share of traces Azure Monitor keeps, from 0 to 1 (default 1: every trace).</summary>
    public const string SamplingRatioKey = "Telemetry:AzureMonitor:SamplingRatio";

    /// <summary>When set, Azure Monitor keeps at most this many traces a second per process instead.</summary>
    public const string TracesPerSecondKey = "Telemetry:AzureMonitor:TracesPerSecond";

    /// <summary>Where the Azure Monitor exporter keeps what it could not send yet (default: its own folder under the temp directory).</summary>
    public const string StorageDirectoryKey = "Telemetry:AzureMonitor:StorageDirectory";

    /// <summary>Whether the NATS client's own spans are collected (default false).</summary>
    public const string NatsClientSpansKey = "Telemetry:NatsClientSpans";

    /// <summary>
    /// Whether to collect the NATS client's spans (<c>NATS.Net</c>): off unless <c>Telemetry:NatsClientSpans</c> is true.
    /// An order's trace does not need them: the shared publisher's own span (<c>publish &lt;subject&gt;</c>) puts the
    /// <c>traceparent</c> on each message, and the bridge starts its span per message from it. The client's spans
    /// repeat that publish, add one for the PubAck it receives, and in the bridge make a trace of their own for every
    /// pull request, inbox message and ack; at a few thousand publishes a second they were two in five of the intake's
    /// spans. Turn them on to look at the client itself.
    /// </summary>
    public static bool NatsClientSpans(IConfiguration configuration)
    {
        var text = configuration[NatsClientSpansKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"{NatsClientSpansKey} must be true or false, not '{text}'.");
    }

    /// <summary>The OpenTelemetry variable naming a sampler, which the Azure Monitor exporter honours.</summary>
    public const string SamplerVariable = "OTEL_TRACES_SAMPLER";

    /// <summary>
    /// How Azure Monitor samples traces; null when <c>OTEL_TRACES_SAMPLER</c> chooses and neither key is set. By default
    /// every trace is kept: the exporter's own default limits each process to a few traces a second, each process
    /// deciding for itself, so most orders' traces would be missing and the rest cut where one service kept its part
    /// and another did not. A ratio below 1 decides by trace id, the same way in every service, so an order's trace is
    /// kept or dropped whole. The sampler is the host's, so it thins every trace export, OTLP too.
    /// </summary>
    public static (float Ratio, double? TracesPerSecond)? AzureMonitorSampling(IConfiguration configuration)
    {
        var ratioText = configuration[SamplingRatioKey];
        var perSecondText = configuration[TracesPerSecondKey];
        if (string.IsNullOrEmpty(ratioText) && string.IsNullOrEmpty(perSecondText) && !string.IsNullOrEmpty(configuration[SamplerVariable]))
        {
            return null;
        }

        var ratio = 1F;
        if (!string.IsNullOrEmpty(ratioText)
            && !(float.TryParse(ratioText, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) && ratio >= 0 && ratio <= 1))
        {
            throw new InvalidOperationException($"{SamplingRatioKey} must be a number from 0 to 1, not '{ratioText}'.");
        }

        double? perSecond = null;
        if (!string.IsNullOrEmpty(perSecondText))
        {
            if (!(double.TryParse(perSecondText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0))
            {
                throw new InvalidOperationException($"{TracesPerSecondKey} must be a number above 0, not '{perSecondText}'.");
            }

            perSecond = value;
        }

        return (ratio, perSecond);
    }
}
