using System.Diagnostics;
using FunctionsOrders.Reconciliation.Tests.Harness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Reconciliation.Tests;

[Collection(ReconciliationCollection.Name)]
public sealed class ScaleTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    private const int Orders = 2_000;
    private const int Unfinished = (Orders / 2) + 1;

    [Fact]
    public async Task Thousands_of_orders_are_checked_in_seconds_and_every_one_is_seen()
    {
        using var cts = TestTimeout.Start(180);
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var ids = Enumerable.Range(0, Orders).Select(_ => Deployment.NewOrderId()).ToList();
        var declined = ids.Where((_, i) => i % 10 == 0).ToHashSet();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cts.Token },
            async (id, token) => await scenario.CompleteAsync(id, paid: !declined.Contains(id), token));
        await scenario.Nats.DrainConsumersAsync(cts.Token);
        // One paid order in the middle is missing its final status: the scan must reach it.
        await scenario.Nats.SetStatusAsync(ids[Unfinished], "Pending", cancellationToken: cts.Token);
        var accepted = ids.Select(id => new AcceptedOrder(id, declined.Contains(id) ? FinalStatuses.PaymentFailed : FinalStatuses.Paid)).ToList();

        var watch = Stopwatch.StartNew();
        var report = await scenario.CheckAsync(accepted, cts.Token);
        watch.Stop();

        ReportAssert.Exactly(report, (DiscrepancyKinds.Unfinished, ids[Unfinished]));
        Assert.Equal(Orders, report.OrdersInStream);
        Assert.Equal(Orders, report.StatusEntries);
        Assert.Equal(Orders, report.LedgerRows);
        Assert.Equal(Orders, report.Charges);
        Assert.Equal(declined.Count, report.PaymentFailed);
        Assert.Equal(Orders - declined.Count - 1, report.Paid);
        // Generous for a shared two-core machine; a scan that went message by message would take far longer.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the check of {Orders} orders took {watch.Elapsed}");
    }
}
