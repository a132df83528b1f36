using FunctionsOrders.Reconciliation;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.Faults.Tests;

/// <summary>The provider answering with no outcome for a while under load: refused keys, a lost route, pending charges.</summary>
public sealed class ProviderAnswerFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>One after the other: a rotated API key (401, then 403), a gateway without the route (404), charges left pending.</summary>
    private static readonly (string Name, int? ErrorStatus, string? ChargeStatus)[] Windows =
        [("401", 401, null), ("403", 403, null), ("404", 404, null), ("pending", null, "pending")];

    [Fact]
    public async Task Provider_answering_401_403_404_then_pending_under_load_fails_no_order_and_charges_nobody_twice()
    {
        using var cts = TestTimeout.Start(seconds: 300);
        var options = new SystemUnderTestOptions
        {
            Routes = { ["AckWait"] = "00:00:05" },

            // A break shorter than a window, so that each window's answer reaches the provider's callers, not only the breaker.
            Payments = { ["Payments__Provider__BreakDuration"] = "00:00:02" },
        };
        await using var system = await FaultSystem.StartAsync(options, cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 10).Start();
        await load.UntilAcceptedAsync(30, TimeSpan.FromSeconds(60), cts.Token);
        await Poll.UntilAsync(async () => (await system.Simulator.ChargesAsync(cts.Token)).Count >= 10, TimeSpan.FromSeconds(60), "payments flowing", cancellationToken: cts.Token);

        var statsBefore = await system.Simulator.StatsAsync(cts.Token);
        var naksBefore = NaksByReason(await system.BridgeMetricsAsync(cts.Token));
        var acceptedBefore = load.Accepted.Count;
        var callsPerWindow = new Dictionary<string, long>();
        foreach (var (name, errorStatus, chargeStatus) in Windows)
        {
            var atStart = await system.Simulator.StatsAsync(cts.Token);
            await system.Simulator.SetFaultsAsync(errorStatus: errorStatus, chargeStatus: chargeStatus, cancellationToken: cts.Token);
            await Task.Delay(Window, cts.Token);
            var atEnd = await system.Simulator.StatsAsync(cts.Token);
            callsPerWindow[name] = atEnd.ChargeRequests + atEnd.SearchRequests - atStart.ChargeRequests - atStart.SearchRequests;
        }

        await system.Simulator.SetFaultsAsync(cancellationToken: cts.Token);
        var statsAfter = await system.Simulator.StatsAsync(cts.Token);
        var naksDuring = NaksByReason(await system.BridgeMetricsAsync(cts.Token))
            .ToDictionary(n => n.Key, n => n.Value - naksBefore.GetValueOrDefault(n.Key));
        var acceptedDuring = load.Accepted.Count - acceptedBefore;
        await load.UntilAcceptedAsync(load.Accepted.Count + 30, TimeSpan.FromSeconds(60), cts.Token);
        await load.StopAsync();

        // Every order ends as its customer implies (reconciliation checks each); none was failed by the windows.
        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(180), output, cts.Token);
        Assert.Equal(load.Accepted.Count(a => a.ExpectedStatus == FinalStatuses.PaymentFailed), report.PaymentFailed);
        Assert.Equal(0, report.DeadLettered);
        Assert.Equal(load.Accepted.Count, report.Charges);
        Scenario.Record("provider-auth-routing-pending", report, load.Sent, new Dictionary<string, object>
        {
            ["windows"] = string.Join(", ", Windows.Select(w => $"{w.Name} {Window.TotalSeconds:0} s")),
            ["accepted_during_windows"] = acceptedDuring,
            ["provider_charge_requests_during_windows"] = statsAfter.ChargeRequests - statsBefore.ChargeRequests,
            ["provider_searches_during_windows"] = statsAfter.SearchRequests - statsBefore.SearchRequests,
            ["provider_calls_per_window"] = callsPerWindow,
            ["payments_naks_during_windows"] = naksDuring.Where(n => n.Value > 0).OrderBy(n => n.Key, StringComparer.Ordinal)
                .ToDictionary(n => n.Key, n => n.Value),
        });
    }

    /// <summary>The payments route's NAK counters by reason, from the bridge's <c>bridge_naked_total{reason,route}</c>.</summary>
    private static Dictionary<string, double> NaksByReason(IReadOnlyDictionary<string, double> metrics) =>
        metrics.Where(m => PrometheusText.IsSeriesOf(m.Key, "bridge_naked_total", ("route", "payments")))
            .GroupBy(m => PrometheusText.Label(m.Key, "reason") ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
}
