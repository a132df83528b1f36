using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.Faults.Tests;

/// <summary>The payment provider down or slow under load.</summary>
public sealed class ProviderFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_20_second_provider_outage_opens_the_breaker_pauses_the_route_without_a_NAK_storm_and_everything_is_paid_after()
    {
        using var cts = TestTimeout.Start(seconds: 300);
        await using var system = await FaultSystem.StartAsync(new() { Routes = { ["AckWait"] = "00:00:05" } }, cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 10).Start();
        await load.UntilAcceptedAsync(30, TimeSpan.FromSeconds(60), cts.Token);
        await Poll.UntilAsync(async () => (await system.Simulator.ChargesAsync(cts.Token)).Count >= 10, TimeSpan.FromSeconds(60), "payments flowing", cancellationToken: cts.Token);

        var requestsBefore = await system.Simulator.ChargeRequestsAsync(cts.Token);
        var naksBefore = Sum(await system.BridgeMetricsAsync(cts.Token), "naked", "payments");
        var acceptedBefore = load.Accepted.Count;
        await system.Simulator.SetFaultsAsync(outage: true, cancellationToken: cts.Token);
        await Task.Delay(TimeSpan.FromSeconds(20), cts.Token);
        var requestsDuring = await system.Simulator.ChargeRequestsAsync(cts.Token) - requestsBefore;
        var naksDuring = Sum(await system.BridgeMetricsAsync(cts.Token), "naked", "payments") - naksBefore;
        var acceptedDuring = load.Accepted.Count - acceptedBefore;
        await system.Simulator.SetFaultsAsync(cancellationToken: cts.Token);
        await load.UntilAcceptedAsync(load.Accepted.Count + 30, TimeSpan.FromSeconds(60), cts.Token);
        await load.StopAsync();

        // The breaker opens once its 5 s window holds only failures; then one probe per break (15 s), not a call
        // (and its retries) per order for the whole outage.
        Assert.True(requestsDuring <= 300, $"{requestsDuring} provider requests during the outage");
        // Paused route: each order waiting out the outage is NAKed a few times at most, not once per fetch loop.
        Assert.True(naksDuring <= (3 * acceptedDuring) + 64, $"{naksDuring} NAKs on the payments route for {acceptedDuring} orders accepted during the outage");

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(180), output, cts.Token);
        Scenario.Record("provider-outage", report, load.Sent, new Dictionary<string, object>
        {
            ["outage_s"] = 20,
            ["accepted_during_outage"] = acceptedDuring,
            ["provider_requests_during_outage"] = requestsDuring,
            ["payments_naks_during_outage"] = naksDuring,
        });
    }

    [Fact]
    public async Task A_provider_slower_than_the_ack_wait_is_not_processed_twice_while_in_flight()
    {
        using var cts = TestTimeout.Start(seconds: 240);
        var options = new SystemUnderTestOptions
        {
            Routes = { ["AckWait"] = "00:00:03", ["HttpTimeout"] = "00:00:30" },
            Payments =
            {
                ["Payments__MaxConcurrency"] = "64",
                ["Payments__Provider__AttemptTimeout"] = "00:00:15",
                ["Payments__Provider__TotalTimeout"] = "00:00:20",
            },
        };
        await using var system = await FaultSystem.StartAsync(options, cts.Token);
        await system.Simulator.SetFaultsAsync(latencyMs: 7_000, cancellationToken: cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 10).Start();
        await load.UntilAcceptedAsync(30, TimeSpan.FromSeconds(60), cts.Token);
        await load.StopAsync();

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(120), output, cts.Token);
        var requests = await system.Simulator.ChargeRequestsAsync(cts.Token);
        var metrics = await system.BridgeMetricsAsync(cts.Token);
        var deliveries = metrics.GetValueOrDefault("bridge_delivery_count_sum{route=\"payments\"}");
        var fetched = metrics.GetValueOrDefault("bridge_delivery_count_count{route=\"payments\"}");
        Assert.Equal(load.Accepted.Count, requests);
        Assert.Equal(fetched, deliveries);
        Scenario.Record("provider-slower-than-ack-wait", report, load.Sent, new Dictionary<string, object>
        {
            ["ack_wait_s"] = 3,
            ["provider_latency_s"] = 7,
            ["provider_requests"] = requests,
            ["redeliveries"] = deliveries - fetched,
        });
    }

    private static double Sum(IReadOnlyDictionary<string, double> metrics, string name, string route) =>
        PrometheusText.Sum(metrics, $"bridge_{name}_total", ("route", route));
}
