using System.Diagnostics;
using System.Net;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.Faults.Tests;

/// <summary>The system's stores lost under load: nats-server killed, Azurite restarted.</summary>
public sealed class InfrastructureFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NatsServer_killed_under_load_keeps_every_accepted_order_answers_503_in_time_and_resumes_by_itself()
    {
        using var cts = TestTimeout.Start(seconds: 300);
        await using var system = await FaultSystem.StartAsync(new() { Routes = { ["AckWait"] = "00:00:05" } }, cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 20).Start();
        await load.UntilAcceptedAsync(100, TimeSpan.FromSeconds(60), cts.Token);

        var killedAt = Stopwatch.GetTimestamp();
        var sentAtKill = load.Sent;
        await system.Nats.KillAsync();
        // Long enough for every client's publish deadline (3 s here) to run out more than once.
        await Task.Delay(TimeSpan.FromSeconds(8), cts.Token);
        var sentAtRestart = load.Sent;
        await system.Nats.RestartAsync(cts.Token);
        var outage = Stopwatch.GetElapsedTime(killedAt);
        var acceptedAtRestart = load.Accepted.Count;
        await load.UntilAcceptedAsync(acceptedAtRestart + 100, TimeSpan.FromSeconds(90), cts.Token);
        await load.StopAsync();

        // POSTs sent while the server was down: 503 with Retry-After within the publish deadline (plus slack), or
        // 202 if the client reconnected and published in time; never a hang or another status.
        var duringOutage = load.Outcomes
            .Where(o => int.Parse(o.IdempotencyKey[(o.IdempotencyKey.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture) is var n
                        && n > sentAtKill && n <= sentAtRestart)
            .ToList();
        Assert.NotEmpty(duringOutage);
        var unavailable = duringOutage.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(unavailable);
        Assert.All(duringOutage, o => Assert.True(o.Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Accepted, $"{o.IdempotencyKey}: {o.Status} {o.Error}"));
        Assert.All(unavailable, o => Assert.NotNull(o.RetryAfter));
        var slowest = unavailable.Max(o => o.Elapsed);
        Assert.True(slowest < TimeSpan.FromSeconds(6), $"the slowest 503 took {slowest.TotalSeconds:0.0} s");

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(150), output, cts.Token);
        Scenario.Record("nats-server-killed", report, load.Sent, new Dictionary<string, object>
        {
            ["outage_s"] = Math.Round(outage.TotalSeconds, 1),
            ["posts_during_outage"] = duringOutage.Count,
            ["answered_503"] = unavailable.Count,
            ["slowest_503_s"] = Math.Round(slowest.TotalSeconds, 2),
        });
    }

    [Fact]
    public async Task Azurite_restarted_under_load_charges_nobody_twice()
    {
        using var cts = TestTimeout.Start(seconds: 300);
        await using var system = await FaultSystem.StartAsync(new() { Routes = { ["AckWait"] = "00:00:05" } }, cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 15).Start();
        await load.UntilAcceptedAsync(60, TimeSpan.FromSeconds(60), cts.Token);

        var stopped = Stopwatch.GetTimestamp();
        Assert.True(await system.Azurite.StopAsync(TimeSpan.FromSeconds(15)), "Azurite did not stop on SIGTERM");
        await Task.Delay(TimeSpan.FromSeconds(5), cts.Token);
        await system.Azurite.RestartAsync(cts.Token);
        var outage = Stopwatch.GetElapsedTime(stopped);
        await load.UntilAcceptedAsync(load.Accepted.Count + 60, TimeSpan.FromSeconds(60), cts.Token);
        await load.StopAsync();

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(150), output, cts.Token);
        var requests = await system.Simulator.ChargeRequestsAsync(cts.Token);
        Scenario.Record("azurite-restarted", report, load.Sent, new Dictionary<string, object>
        {
            ["ledger_outage_s"] = Math.Round(outage.TotalSeconds, 1),
            ["provider_requests"] = requests,
            ["provider_charges"] = (await system.Simulator.ChargesAsync(cts.Token)).Count,
        });
    }
}
