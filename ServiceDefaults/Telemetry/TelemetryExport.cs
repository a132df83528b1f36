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
}
