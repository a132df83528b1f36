using FunctionsOrders.SystemHarness;
using System.Security.Cryptography;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.AppHost.Tests;

/// <summary>
/// What someone who just ran <c>./run.sh</c> meets: one line saying the system is ready, an order that goes through at
/// once after it, metrics of every service within seconds, one trace per order on the Traces page, and a clear refusal
/// when a second run finds the ports taken.
/// </summary>
[Collection(LocalSystemCollection.Name)]
public sealed class FirstRunTests(LocalSystemFixture system, ITestOutputHelper output)
{
    [Fact]
    public void The_ready_line_names_the_order_API_and_the_dashboard()
    {
        var line = system.AppHost.ReadLog().Split('\n').Single(l => l.StartsWith(LocalSystemFixture.ReadyLine, StringComparison.Ordinal));

        Assert.Contains("order API http://127.0.0.1:7071/api/orders", line, StringComparison.Ordinal);
        Assert.Contains("dashboard http://127.0.0.1:18888", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// Ready means NatsBridge consumes on every route: an order posted then is not left waiting for the bridge to
    /// start (which took some ten seconds when readiness was the HTTP endpoints alone). On an idle machine it is final
    /// well within a second (see docs/local-run.md); the bound here leaves room for a busy test machine.
    /// </summary>
    [Fact]
    public void An_order_posted_right_after_the_ready_line_goes_through_at_once()
    {
        output.WriteLine($"order {system.FirstOrder.OrderId} final {system.FirstOrderFinalAfter.TotalMilliseconds:F0} ms after the ready line");

        Assert.Equal("Paid", system.FirstOrder.Final.GetProperty("status").GetString());
        Assert.True(system.FirstOrderFinalAfter < TimeSpan.FromSeconds(5), $"final only {system.FirstOrderFinalAfter.TotalMilliseconds:F0} ms after the ready line");
    }

    [Fact]
    public void Every_service_has_metrics_in_the_dashboard_within_10_s_of_the_ready_line()
    {
        output.WriteLine($"metrics of every service {system.MetricsEverywhereAfter?.TotalMilliseconds:F0} ms after the ready line");

        Assert.NotNull(system.MetricsEverywhereAfter);
        Assert.True(system.MetricsEverywhereAfter < TimeSpan.FromSeconds(10), $"metrics of every service only after {system.MetricsEverywhereAfter?.TotalSeconds:F1} s");
    }

    /// <summary>
    /// The Traces page shows orders, not the bridge's polling: after N orders on an otherwise idle system it lists
    /// about N new traces. The test's own GETs share one trace of their own.
    /// </summary>
    [Fact]
    public async Task After_N_orders_the_dashboard_lists_about_N_new_traces()
    {
        const int orders = 10;
        using var cts = TestTimeout.Start(seconds: 180);
        var dashboard = new DashboardTelemetry(system.Http, LocalSystemFixture.Dashboard);
        var polls = $"00-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01";

        // Spans of earlier tests' orders may still be on their way: a trace counts when it started after this line.
        var started = TimeProvider.System.GetUtcNow();
        var ids = new List<string>();
        for (var i = 0; i < orders; i++)
        {
            // As curl sends it: no traceparent, so the order starts its own trace.
            ids.Add(await system.PlaceOrderAsync("cust-traces-" + i, cancellationToken: cts.Token));
            await system.WaitForFinalAsync([ids[^1]], TimeSpan.FromSeconds(60), cts.Token, TimeSpan.FromMilliseconds(100), polls);
        }

        // Every order's trace is complete (its last span, the projection of its payment, has arrived)...
        Dictionary<string, List<Span>> added = [];
        await Poll.UntilAsync(async () =>
        {
            added = (await dashboard.TracesAsync(cts.Token))
                .Where(t => t.Value.Min(s => s.Start) >= started)
                .ToDictionary(t => t.Key, t => t.Value);
            return ids.All(id => added.Values.Any(spans => spans.Any(s => s.Name == $"process payments.processed.{id}")));
        }, TimeSpan.FromSeconds(60), "every order's trace", TimeSpan.FromSeconds(1), cts.Token);

        // ...and nothing else made many traces meanwhile: the orders', the polls' one, and a few of the services' own.
        output.WriteLine($"{added.Count} new traces for {orders} orders:");
        foreach (var (traceId, spans) in added)
        {
            var spanIds = spans.Select(s => s.SpanId).ToHashSet();
            output.WriteLine($"  {traceId}: {spans.Count} spans, roots {string.Join(", ", spans.Where(s => !spanIds.Contains(s.ParentSpanId)).Select(s => $"{s.Service} {s.Name}"))}");
        }

        // Each order is one trace, and the rest are few: the polls' one, and now and then a health check of the host.
        var ofOrders = added.Where(t => t.Value.Any(s => ids.Any(id => s.Name.EndsWith(id, StringComparison.Ordinal)))).Select(t => t.Key).ToList();
        Assert.Equal(orders, ofOrders.Count);
        Assert.All(ids, id => Assert.Single(ofOrders, t => added[t].Any(s => s.Name.EndsWith(id, StringComparison.Ordinal))));
        Assert.InRange(added.Count - ofOrders.Count, 0, 3);
    }

    [Fact]
    public async Task A_second_run_while_one_runs_names_the_taken_ports_and_starts_nothing()
    {
        using var cts = TestTimeout.Start(seconds: 60);
        var runDirectory = Directory.CreateTempSubdirectory("functionsorders-second-").FullName;
        await using var second = ExternalProcess.Start("apphost-second", "dotnet", [LocalSystem.AppHostDll], new Dictionary<string, string>
        {
            ["FUNCTIONSORDERS_RUN_DIR"] = runDirectory,
        });
        try
        {
            // Waits for the output too: the refusal is the last thing the process writes.
            using var exit = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            exit.CancelAfter(TimeSpan.FromSeconds(30));
            await second.WaitForExitAsync(exit.Token);

            var log = second.ReadLog();
            output.WriteLine(log);
            Assert.NotEqual(0, second.ExitCode);
            Assert.Contains("FunctionsOrders cannot start", log, StringComparison.Ordinal);
            Assert.Contains("port 7071 on 127.0.0.1, for order-functions (the order API), is in use by another process", log, StringComparison.Ordinal);
            Assert.Contains("port 18888", log, StringComparison.Ordinal);
            Assert.DoesNotContain("Distributed application starting", log, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(runDirectory));
        }
        finally
        {
            Directory.Delete(runDirectory, recursive: true);
        }

        // The running system did not notice.
        await system.PlaceOrderAsync("cust-after-second-run", cancellationToken: cts.Token);
    }
}
