using FunctionsOrders.SystemHarness;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using FunctionsOrders.NatsBridge.Metrics;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary><c>/metrics</c>: OpenTelemetry's Prometheus exporter on the bridge's meter, as docs/bridge-metrics.md names it.</summary>
[Collection(NatsCollection.Name)]
public sealed partial class MetricsEndpointTests(NatsServerFixture nats)
{
    private const int Orders = 6;

    [Fact]
    public async Task The_real_bridge_counts_the_messages_of_a_route_on_metrics_and_keeps_counting_beside_a_delta_OTLP_export()
    {
        using var timeout = TestTimeout.Start(120);
        await using var function = await ScriptedFunction.StartAsync();
        await using var otlp = await OtlpReceiver.StartAsync();
        var prefix = BridgeUnderTest.NewPrefix();
        await using var publisher = await BridgeUnderTest.StartAsync(nats.Server.Url, "http://127.0.0.1:9/unused",
            new Dictionary<string, string?> { ["Consumer"] = "idle", ["Stream"] = "PAYMENTS", ["FilterSubject"] = "payments.>" }, prefix);
        var environment = BridgeProcess.Environment(nats.Server.Url, prefix, function.Url);
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.Url;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE"] = "delta";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "200";
        await using var bridge = await BridgeProcess.StartAsync(environment, timeout.Token);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var before = PrometheusText.Parse(await http.GetStringAsync(bridge.Url + "/metrics", timeout.Token));
        for (var i = 0; i < Orders; i++)
        {
            await publisher.PublishOrderAsync(timeout.Token);
        }

        await Poll.UntilAsync(async () => await SettlementTests.Settled(publisher, timeout.Token, BridgeUnderTest.RouteName), TimeSpan.FromSeconds(30),
            "every order settled", cancellationToken: timeout.Token);
        await Poll.UntilAsync(async () => Acked(PrometheusText.Parse(await http.GetStringAsync(bridge.Url + "/metrics", timeout.Token))) == Orders,
            TimeSpan.FromSeconds(10), "the acks counted", cancellationToken: timeout.Token);
        // Two more delta exports over OTLP: the Prometheus reader's totals are its own and stay cumulative.
        var exports = otlp.MetricExports;
        await Poll.UntilAsync(() => otlp.MetricExports >= exports + 2, TimeSpan.FromSeconds(20), "two OTLP metric exports", cancellationToken: timeout.Token);
        using var response = await http.GetAsync(bridge.Url + "/metrics", timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        var after = PrometheusText.Parse(text);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(0, Acked(before));
        Assert.Equal(Orders, Acked(after));
        Assert.Equal(Orders, after.GetValueOrDefault("bridge_fetched_total{route=\"test\"}"));
        Assert.Equal(Orders, after.GetValueOrDefault("bridge_delivery_count_count{route=\"test\"}"));
        Assert.Equal(Orders, after.GetValueOrDefault("bridge_delivery_count_bucket{route=\"test\",le=\"1\"}"));
        Assert.Equal(Orders, after.GetValueOrDefault("bridge_delivery_count_sum{route=\"test\"}"));
        Assert.InRange(after.GetValueOrDefault("bridge_dispatch_duration_seconds_count{route=\"test\"}"), 1, Orders);
        Assert.InRange(after.GetValueOrDefault("bridge_dispatch_duration_seconds_sum{route=\"test\"}"), double.Epsilon, 30);
        Assert.Equal(0, after["bridge_consumer_pending{route=\"test\"}"]);
        Assert.Equal(0, after["bridge_consumer_ack_pending{route=\"test\"}"]);
        Assert.Equal(0, after["bridge_route_paused{route=\"test\"}"]);
        Assert.Contains("# TYPE bridge_acked_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE bridge_dispatch_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE bridge_consumer_pending gauge", text, StringComparison.Ordinal);

        // Every bridge_ family the page shows is named in the reference.
        var documented = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "bridge-metrics.md"), timeout.Token);
        var families = TypeLine().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("bridge_acked_total", families);
        Assert.All(families, family => Assert.Contains($"`{family}`", documented, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Consumer_gauges_are_read_for_each_scrape_and_left_out_of_collections_between_scrapes()
    {
        using var timeout = TestTimeout.Start();
        await using var function = await ScriptedFunction.StartAsync();
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url);
        var meterFactory = bridge.Host.Services.GetRequiredService<IMeterFactory>();
        using var ackPending = new MetricCollector<long>(meterFactory, BridgeMetrics.MeterName, "bridge.consumer.ack_pending");
        using var paused = new MetricCollector<int>(meterFactory, BridgeMetrics.MeterName, "bridge.route.paused");
        function.Gate.Reset();
        await bridge.PublishOrderAsync(timeout.Token);
        await bridge.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => function.Received.Count == 2, TimeSpan.FromSeconds(20), "both orders at the function", cancellationToken: timeout.Token);

        var held = PrometheusText.Parse(await bridge.MetricsAsync(timeout.Token));
        ackPending.RecordObservableInstruments();
        paused.RecordObservableInstruments();
        function.Gate.Set();
        await Poll.UntilAsync(async () => await SettlementTests.Settled(bridge, timeout.Token), TimeSpan.FromSeconds(20), "both acked", cancellationToken: timeout.Token);
        var settled = PrometheusText.Parse(await bridge.MetricsAsync(timeout.Token));

        Assert.Equal(2, held["bridge_consumer_ack_pending{route=\"test\"}"]);
        Assert.Equal(0, held["bridge_consumer_pending{route=\"test\"}"]);
        Assert.Equal(0, settled["bridge_consumer_ack_pending{route=\"test\"}"]);
        Assert.Empty(ackPending.GetMeasurementSnapshot());
        Assert.Equal(0, Assert.Single(paused.GetMeasurementSnapshot()).Value);
    }

    private static double Acked(IReadOnlyDictionary<string, double> samples) => samples.GetValueOrDefault("bridge_acked_total{route=\"test\"}");

    [GeneratedRegex(@"^# TYPE (bridge_\w+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
