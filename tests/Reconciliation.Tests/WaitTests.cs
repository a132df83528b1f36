using System.Diagnostics;
using FunctionsOrders.Reconciliation.Tests.Harness;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Reconciliation.Tests;

[Collection(ReconciliationCollection.Name)]
public sealed class WaitTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task WaitUntilClean_returns_a_clean_report_once_the_system_has_caught_up()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var order = Deployment.NewOrderId();
        await scenario.Nats.PublishOrderAsync(order, cancellationToken: cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);
        ReportAssert.Exactly(await scenario.CheckAsync([new(order)], cts.Token), (DiscrepancyKinds.Unfinished, order));

        var waiting = Reconciler.WaitUntilCleanAsync(scenario.Sources, [new(order, FinalStatuses.Paid)], TimeSpan.FromSeconds(40), cts.Token);
        var (charge, _) = await scenario.Provider.ChargeAsync(order, "cust-1", cancellationToken: cts.Token);
        await scenario.Ledger.AddRowAsync(order, "Succeeded", charge, cancellationToken: cts.Token);
        await scenario.Nats.PublishPaymentAsync(order, charge, succeeded: true, cts.Token);
        await scenario.Nats.SetStatusAsync(order, FinalStatuses.Paid, paymentId: charge, cancellationToken: cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);
        var report = await waiting;

        ReportAssert.Clean(report);
        Assert.Equal(1, report.Paid);
    }

    [Fact]
    public async Task WaitUntilClean_returns_the_last_report_when_the_deadline_passes()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var lost = Deployment.NewOrderId();
        var watch = Stopwatch.StartNew();

        var report = await Reconciler.WaitUntilCleanAsync(scenario.Sources, [new(lost)], TimeSpan.FromSeconds(1), cts.Token);

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        ReportAssert.Exactly(report, (DiscrepancyKinds.Lost, lost));
        // Several rounds read every stream through ephemeral consumers; none of them is left behind.
        var topology = scenario.Nats.Topology;
        Assert.Equal(1, await scenario.Nats.ConsumerCountAsync(topology.OrdersStream, cts.Token));
        Assert.Equal(1, await scenario.Nats.ConsumerCountAsync(topology.PaymentsStream, cts.Token));
        Assert.Equal(0, await scenario.Nats.ConsumerCountAsync(topology.DeadLetterStream, cts.Token));
        Assert.Equal(0, await scenario.Nats.ConsumerCountAsync("KV_" + topology.OrderStatusBucket, cts.Token));
    }

    [Fact]
    public async Task An_unreachable_source_fails_a_check_and_is_waited_for_until_the_deadline()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var order = Deployment.NewOrderId();
        await scenario.Nats.PublishOrderAsync(order, cancellationToken: cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);
        var port = FreePort.Next();
        var sources = scenario.Sources with { ProviderBaseUrl = new Uri($"http://127.0.0.1:{port}/") };

        var failure = await Assert.ThrowsAsync<ReconciliationSourceException>(() => Reconciler.CheckAsync(sources, [new(order)], cts.Token));
        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ReconciliationSourceException>(
            () => Reconciler.WaitUntilCleanAsync(sources, [new(order)], TimeSpan.FromMilliseconds(500), cts.Token));

        // The provider comes up on that port while a wait is under way: the wait goes on and ends clean.
        var waiting = Reconciler.WaitUntilCleanAsync(sources, [new(order)], TimeSpan.FromSeconds(40), cts.Token);
        await using var provider = await SimulatorProcess.StartAsync(cts.Token, port);
        var (charge, _) = await provider.ChargeAsync(order, "cust-1", cancellationToken: cts.Token);
        await scenario.Ledger.AddRowAsync(order, "Succeeded", charge, cancellationToken: cts.Token);
        await scenario.Nats.SetStatusAsync(order, FinalStatuses.Paid, paymentId: charge, cancellationToken: cts.Token);
        var report = await waiting;

        ReportAssert.Clean(report);
        Assert.Equal((1, 1), (report.Paid, report.SucceededCharges));
    }

    [Fact]
    public async Task A_prefix_with_no_streams_fails_the_check_naming_the_stream()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var sources = scenario.Sources with { Topology = new() { Prefix = "nosuch" + scenario.Sources.Topology.Prefix } };

        var failure = await Assert.ThrowsAsync<ReconciliationSourceException>(() => Reconciler.CheckAsync(sources, [], cts.Token));

        Assert.Contains($"nosuch{scenario.Sources.Topology.Prefix}_", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }
}
