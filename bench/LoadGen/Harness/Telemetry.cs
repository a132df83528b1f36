namespace FunctionsOrders.LoadGen.Harness;

/// <summary>The services run with no telemetry exporter, whatever the caller's environment holds.</summary>
internal static class Telemetry
{
    public static IReadOnlyDictionary<string, string> Off { get; } = new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "",
    };
}
