namespace FunctionsOrders.SystemHarness;

/// <summary>The services run with no telemetry exporter, whatever the caller's environment holds.</summary>
internal static class Telemetry
{
    public static IReadOnlyDictionary<string, string> Off { get; } = new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "",
    };

    /// <summary><see cref="Off"/>, with each of <paramref name="layers"/> on top of it in turn.</summary>
    public static Dictionary<string, string> OffUnless(params IEnumerable<IEnumerable<KeyValuePair<string, string>>> layers)
    {
        var merged = new Dictionary<string, string>(Off);
        foreach (var layer in layers)
        {
            foreach (var (key, value) in layer)
            {
                merged[key] = value;
            }
        }

        return merged;
    }
}
