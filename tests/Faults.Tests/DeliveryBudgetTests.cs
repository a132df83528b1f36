using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Xunit.Abstractions;

namespace FunctionsOrders.Faults.Tests;

/// <summary>
/// The delivery budget under faults: a message at its last delivery is never dropped, and a function that cannot
/// be reached spends no message's budget.
/// </summary>
public sealed class DeliveryBudgetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dead_letter_stream_gone_while_the_provider_is_down_loses_no_order_at_its_last_delivery()
    {
        using var cts = TestTimeout.Start(seconds: 300);
        var options = new SystemUnderTestOptions
        {
            PaymentsRoute = { ["MaxDeliver"] = "3", ["NakBackoff"] = "00:00:00.500" },
            Payments =
            {
                // Every delivery tries the provider (no breaker holding them back), once, and asks for a quick retry.
                ["Payments__Provider__BreakerFailureThreshold"] = "100000",
                ["Payments__Provider__MaxRetries"] = "0",
                ["Payments__RetryDelay"] = "00:00:00.300",
            },
        };
        await using var system = await FaultSystem.StartAsync(options, cts.Token);
        await using var nats = new NatsConnection(new NatsOpts { Url = system.NatsUrl, Name = "faults" });
        var js = new NatsJSContext(nats);
        var deadLetters = new JetStreamTopology(new TopologyOptions()).Streams().Single(s => s.Name == TopologyNames.DeadLetterStream);
        await js.DeleteStreamAsync(deadLetters.Name!, cts.Token);
        await system.Simulator.SetFaultsAsync(outage: true, cancellationToken: cts.Token);

        var load = new OrderLoad(() => system.OrderApi, rate: 10).Start();
        await load.UntilAcceptedAsync(20, TimeSpan.FromSeconds(60), cts.Token);
        await load.StopAsync();
        var accepted = load.Accepted.Count;

        // Every order has reached its last delivery and failed to be dead-lettered at least once: on a server limit
        // equal to the bridge's, each of them would now be gone.
        await Poll.UntilAsync(async () => FailedCopies(await system.BridgeMetricsAsync(cts.Token)) >= accepted, TimeSpan.FromSeconds(120),
            "every order's dead-letter copy to fail", TimeSpan.FromMilliseconds(500), cts.Token);
        await Poll.UntilAsync(async () => FailedCopies(await system.BridgeMetricsAsync(cts.Token)) >= 2 * accepted, TimeSpan.FromSeconds(120),
            "the orders to come back after a failed copy", TimeSpan.FromMilliseconds(500), cts.Token);
        var failedCopies = FailedCopies(await system.BridgeMetricsAsync(cts.Token));

        await js.CreateStreamAsync(deadLetters, cts.Token);
        await system.Simulator.SetFaultsAsync(cancellationToken: cts.Token);

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(120), output, cts.Token);
        Assert.Equal(accepted, report.Paid + report.PaymentFailed + report.DeadLettered);
        Scenario.Record("deadletter-gone-at-last-delivery", report, load.Sent, new Dictionary<string, object>
        {
            ["max_deliver"] = 3,
            ["failed_dead_letter_copies"] = failedCopies,
        });
    }

    [Fact]
    public async Task PaymentFunctions_frozen_for_twenty_times_its_dispatch_timeout_dead_letters_nothing_and_every_order_is_paid_after()
    {
        using var cts = TestTimeout.Start(seconds: 300);
        var options = new SystemUnderTestOptions
        {
            PaymentsRoute = { ["MaxDeliver"] = "2", ["NakBackoff"] = "00:00:00.500", ["HttpTimeout"] = "00:00:02" },
        };
        await using var system = await FaultSystem.StartAsync(options, cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 10).Start();
        await load.UntilAcceptedAsync(10, TimeSpan.FromSeconds(60), cts.Token);

        system.Payments.Process.Pause();
        var frozenAt = DateTimeOffset.UtcNow;
        await load.UntilAcceptedAsync(30, TimeSpan.FromSeconds(60), cts.Token);
        await Poll.UntilAsync(() => DateTimeOffset.UtcNow - frozenAt >= TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(60),
            "forty seconds frozen", TimeSpan.FromMilliseconds(500), cts.Token);
        var metrics = await system.BridgeMetricsAsync(cts.Token);
        system.Payments.Process.Resume();
        await load.UntilAcceptedAsync(load.Accepted.Count + 10, TimeSpan.FromSeconds(60), cts.Token);
        await load.StopAsync();

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(120), output, cts.Token);
        Assert.Equal(0, report.DeadLettered);
        var dispatchFailures = PrometheusText.Sum(metrics, "bridge_dispatch_failed_total", ("route", "payments"));
        Assert.True(dispatchFailures >= 5, $"{dispatchFailures} failed dispatches while frozen");
        Scenario.Record("payments-host-frozen", report, load.Sent, new Dictionary<string, object>
        {
            ["frozen_s"] = 40,
            ["http_timeout_s"] = 2,
            ["max_deliver"] = 2,
            ["failed_dispatches_while_frozen"] = dispatchFailures,
        });
    }

    [Fact]
    public async Task Provider_at_1_3_s_a_charge_with_default_batches_and_8_charges_at_a_time_never_times_a_dispatch_out_nor_asks_the_provider_twice()
    {
        using var cts = TestTimeout.Start(seconds: 300);
        // The bridge's default batches: 64 messages, a 10 s dispatch timeout. At 8 charges at a time, eight waves of
        // 1.3 s need 10.4 s: the function answers not_started for what it cannot start in time. (At the default 32,
        // a batch takes two waves, and a provider answering within its 2 s attempt timeout cannot run it out of time.)
        await using var system = await FaultSystem.StartAsync(
            new() { StartBridge = false, Payments = { ["Payments__MaxConcurrency"] = "8" } }, cts.Token);
        await system.Simulator.SetFaultsAsync(latencyMs: 1_300, cancellationToken: cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 40).Start();
        await load.UntilAcceptedAsync(128, TimeSpan.FromSeconds(60), cts.Token);
        await load.StopAsync();

        await system.StartBridgeAsync(cts.Token);
        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(180), output, cts.Token);
        var metrics = await system.BridgeMetricsAsync(cts.Token);
        var requests = await system.Simulator.ChargeRequestsAsync(cts.Token);
        var timeouts = metrics.GetValueOrDefault("bridge_dispatch_failed_total{reason=\"timeout\",route=\"payments\"}");
        var notStarted = metrics.GetValueOrDefault("bridge_held_total{reason=\"not_started\",route=\"payments\"}");
        var deliveries = metrics.GetValueOrDefault("bridge_delivery_count_sum{route=\"payments\"}");
        var fetched = metrics.GetValueOrDefault("bridge_delivery_count_count{route=\"payments\"}");
        Assert.Equal(0, timeouts);
        Assert.Equal(load.Accepted.Count, requests);
        Assert.Equal(fetched, deliveries);
        Assert.True(notStarted > 0, "no batch ran out of its time budget: the scenario did not test what it should");
        Scenario.Record("provider-1300ms-default-batches", report, load.Sent, new Dictionary<string, object>
        {
            ["provider_latency_ms"] = 1300,
            ["dispatch_timeouts"] = timeouts,
            ["provider_requests"] = requests,
            ["answered_not_started"] = notStarted,
            ["redeliveries"] = deliveries - fetched,
        });
    }

    private static double FailedCopies(IReadOnlyDictionary<string, double> metrics) =>
        metrics.GetValueOrDefault("bridge_naked_total{reason=\"deadletter_failed\",route=\"payments\"}");
}
