using System.Diagnostics;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.Faults.Tests;

/// <summary>Processes of the system killed or stopped under load: NatsBridge, PaymentFunctions' worker, every host.</summary>
public sealed class ProcessFaultTests(ITestOutputHelper output)
{
    /// <summary>Short ack wait, so messages a killed bridge held come back within the test's time.</summary>
    private const string AckWait = "00:00:05";

    [Fact]
    public async Task NatsBridge_killed_mid_batch_three_times_under_load_loses_and_double_charges_nothing()
    {
        using var cts = TestTimeout.Start(seconds: 300);
        await using var system = await FaultSystem.StartAsync(new() { Routes = { ["AckWait"] = AckWait } }, cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 20).Start();
        var kills = 0;
        for (var i = 1; i <= 3; i++)
        {
            await load.UntilAcceptedAsync(60 * i, TimeSpan.FromSeconds(60), cts.Token);
            // Mid-batch: wait until the payments route has fetched more than it has settled, then kill.
            await Poll.UntilAsync(async () => await InFlightAsync(system, "payments", cts.Token) > 0,
                TimeSpan.FromSeconds(30), "a payments batch in flight", TimeSpan.FromMilliseconds(10), cts.Token);
            await system.KillBridgeAsync();
            kills++;
            await system.StartBridgeAsync(cts.Token);
        }

        await load.StopAsync();
        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(120), output, cts.Token);
        Scenario.Record("bridge-killed", report, load.Sent, new Dictionary<string, object> { ["kills"] = kills });
    }

    [Fact]
    public async Task PaymentFunctions_worker_killed_after_charging_before_answering_is_not_charged_again()
    {
        using var cts = TestTimeout.Start(seconds: 240);
        var options = new SystemUnderTestOptions
        {
            Payments =
            {
                // The simulator holds its answer after recording the charge; the attempt must outlast that hold.
                ["Payments__Provider__AttemptTimeout"] = "00:00:20",
                ["Payments__Provider__TotalTimeout"] = "00:00:30",
            },
            Routes = { ["AckWait"] = AckWait, ["HttpTimeout"] = "00:00:40" },
        };
        await using var system = await FaultSystem.StartAsync(options, cts.Token);
        await system.Simulator.SetFaultsAsync(latencyMs: 15_000, cancellationToken: cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 10).Start();
        await load.UntilAcceptedAsync(10, TimeSpan.FromSeconds(30), cts.Token);
        await load.StopAsync();

        // Charged at the provider, answer not yet back: kill the worker there.
        await Poll.UntilAsync(async () => (await system.Simulator.ChargesAsync(cts.Token)).Count >= 5,
            TimeSpan.FromSeconds(30), "charges recorded at the simulator", TimeSpan.FromMilliseconds(100), cts.Token);
        var chargedBeforeKill = (await system.Simulator.ChargesAsync(cts.Token)).Count;
        var worker = system.PaymentsWorkerProcessId();
        Process.GetProcessById(worker).Kill();
        await system.Simulator.SetFaultsAsync(cancellationToken: cts.Token);

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(150), output, cts.Token);
        var stats = await system.Simulator.StatsAsync(cts.Token);
        var charges = await system.Simulator.ChargesAsync(cts.Token);
        Assert.Equal(load.Accepted.Count, charges.Count);
        // Redelivered with no ledger row, an order is first looked up at the provider, which finds the charge.
        Assert.True(stats.SearchRequests > 0, $"the redelivered orders asked the provider again ({stats.SearchRequests} searches, {stats.ChargeRequests} charge requests, {charges.Count} charges)");
        Assert.NotEqual(worker, system.PaymentsWorkerProcessId());
        Scenario.Record("payments-worker-killed", report, load.Sent, new Dictionary<string, object>
        {
            ["charged_before_kill"] = chargedBeforeKill,
            ["provider_requests"] = stats.ChargeRequests,
            ["provider_searches"] = stats.SearchRequests,
            ["provider_charges"] = charges.Count,
        });
    }

    [Fact]
    public async Task SIGTERM_to_each_host_under_load_drains_loses_nothing_and_exits_in_time()
    {
        using var cts = TestTimeout.Start(seconds: 300);
        var options = new SystemUnderTestOptions { Routes = { ["AckWait"] = AckWait }, Bridge = { ["Bridge__ShutdownTimeout"] = "00:00:10" } };
        await using var system = await FaultSystem.StartAsync(options, cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 15).Start();
        var deadline = TimeSpan.FromSeconds(20);
        var stops = new Dictionary<string, object>();

        await load.UntilAcceptedAsync(45, TimeSpan.FromSeconds(60), cts.Token);
        var watch = Stopwatch.StartNew();
        var (bridgeExited, exitCode) = await system.TerminateBridgeAsync(deadline);
        Assert.True(bridgeExited, $"NatsBridge did not exit within {deadline.TotalSeconds} s of SIGTERM");
        Assert.Equal(0, exitCode);
        stops["nats_bridge_stop_s"] = Math.Round(watch.Elapsed.TotalSeconds, 1);
        await system.StartBridgeAsync(cts.Token);

        await load.UntilAcceptedAsync(90, TimeSpan.FromSeconds(60), cts.Token);
        watch.Restart();
        Assert.True(await system.RestartPaymentsAsync(deadline, cts.Token), $"PaymentFunctions' host did not exit within {deadline.TotalSeconds} s of SIGTERM");
        stops["payment_functions_restart_s"] = Math.Round(watch.Elapsed.TotalSeconds, 1);

        await load.UntilAcceptedAsync(135, TimeSpan.FromSeconds(60), cts.Token);
        watch.Restart();
        Assert.True(await system.RestartOrdersAsync(deadline, cts.Token), $"OrderFunctions' host did not exit within {deadline.TotalSeconds} s of SIGTERM");
        stops["order_functions_restart_s"] = Math.Round(watch.Elapsed.TotalSeconds, 1);

        await load.UntilAcceptedAsync(180, TimeSpan.FromSeconds(60), cts.Token);
        await load.StopAsync();

        // While the intake's host restarted, POSTs could not connect: not accepted, so the client still holds them.
        Assert.All(load.Outcomes.Where(o => o.Status is not null), o => Assert.True((int)o.Status! is 202 or 503, $"{o.IdempotencyKey}: {o.Status}"));
        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(120), output, cts.Token);
        stops["posts_not_connected"] = load.Outcomes.Count(o => o.Status is null);
        Scenario.Record("sigterm-each-host", report, load.Sent, stops);
    }

    private static async Task<double> InFlightAsync(SystemUnderTest system, string route, CancellationToken cancellationToken)
    {
        var metrics = await system.BridgeMetricsAsync(cancellationToken);
        double Sum(string name) => PrometheusText.Sum(metrics, $"bridge_{name}_total", ("route", route));
        return Sum("fetched") - Sum("acked") - Sum("naked") - Sum("terminated");
    }
}
