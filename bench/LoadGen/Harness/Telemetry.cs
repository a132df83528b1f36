namespace FunctionsOrders.LoadGen.Harness;

/// <summary>The services run with no telemetry exporter, whatever the caller's environment holds.</summary>
internal static class Telemetry
{
    public static IReadOnlyDictionary<string, string> Off { get; } = new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "",
    };

    /// <summary><see cref="Off"/>, with <paramref name="environment"/> on top of it.</summary>
    public static Dictionary<string, string> OffUnless(IEnumerable<KeyValuePair<string, string>> environment)
    {
        var merged = new Dictionary<string, string>(Off);
        foreach (var (key, value) in environment)
        {
            merged[key] = value;
        }

        return merged;
    }
}
