namespace FunctionsOrders.SystemHarness;

/// <summary>NatsBridge's counters and gauges from its <c>/metrics</c> endpoint.</summary>
public static class BridgeMetricsEndpoint
{
    /// <summary>The values of the bridge listening on <paramref name="bridgeUrl"/>, keyed like <c>bridge_naked_total{reason="timeout",route="payments"}</c> (<see cref="PrometheusText"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ReadAsync(Uri bridgeUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return PrometheusText.Parse(await http.GetStringAsync(new Uri(bridgeUrl, "metrics"), cancellationToken));
    }
}
