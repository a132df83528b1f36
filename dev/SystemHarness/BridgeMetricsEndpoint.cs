using System.Globalization;

namespace FunctionsOrders.SystemHarness;

/// <summary>NatsBridge's counters and gauges from its <c>/metrics</c> endpoint.</summary>
public static class BridgeMetricsEndpoint
{
    /// <summary>The values of the bridge listening on <paramref name="bridgeUrl"/>, keyed like <c>bridge_naked_total{route="payments"}</c>.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ReadAsync(Uri bridgeUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync(new Uri(bridgeUrl, "metrics"), cancellationToken);
        return text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
