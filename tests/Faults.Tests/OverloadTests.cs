using System.Net;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.Faults.Tests;

/// <summary>Five times the sustainable rate for half a minute.</summary>
public sealed class OverloadTests(ITestOutputHelper output)
{
    /// <summary>
    /// What the whole local system (nine processes) finishes per second on the 2-core machines the suite runs on,
    /// with headroom; see docs/benchmarks.md for the measured ceiling.
    /// </summary>
    private const double SustainableRate = 40;

    [Fact]
    public async Task Five_times_the_sustainable_rate_for_30_seconds_sheds_with_503_loses_nothing_accepted_and_recovers()
    {
        using var cts = TestTimeout.Start(seconds: 420);
        await using var system = await FaultSystem.StartAsync(new() { Routes = { ["AckWait"] = "00:00:10" } }, cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 5 * SustainableRate).Start();
        await Task.Delay(TimeSpan.FromSeconds(30), cts.Token);
        await load.StopAsync();

        var answered = load.Outcomes.Where(o => o.Status is not null).ToList();
        var shed = answered.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.All(answered, o => Assert.True(o.Status is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"{o.IdempotencyKey}: {o.Status}"));
        Assert.All(shed, o => Assert.NotNull(o.RetryAfter));
        Assert.DoesNotContain(load.Outcomes, o => o.Status is null);

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(300), output, cts.Token);

        // Recovered: a new order after the backlog is paid promptly.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var after = await OrderLoad.PostAsync(http, system.OrderApi, "after-" + Guid.NewGuid().ToString("N"), "cust-after", cts.Token);
        Assert.Equal(HttpStatusCode.Accepted, after.Status);
        await Scenario.ReconcileAsync(system, [.. load.Accepted, new(after.OrderId!, "Paid")], TimeSpan.FromSeconds(30), output, cts.Token);
        Scenario.Record("five-times-load", report, load.Sent, new Dictionary<string, object>
        {
            ["offered_rate_per_s"] = 5 * SustainableRate,
            ["seconds"] = 30,
            ["answered_503"] = shed.Count,
        });
    }
}
