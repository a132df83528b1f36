using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.PaymentFunctions.Ledger;
using FunctionsOrders.PaymentFunctions.Telemetry;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>
/// The first delivery of an order cannot find a ledger row, so it charges and inserts without reading the ledger
/// first; the insert-if-absent stays the guard, so an order that has a row all the same ends with that row.
/// Later deliveries still read the ledger first.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class FirstDeliveryLedgerTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task A_first_delivery_charges_and_records_without_reading_the_ledger_and_a_redelivery_reads_it()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var order = Batches.Order();
        var batch = Batches.Of(scenario.App.Topology, order);
        var ledgerSpans = new ConcurrentQueue<string>();
        using var listener = LedgerSpans(order.OrderId, ledgerSpans);

        await AckedAsync(scenario, batch, timeout.Token);
        Assert.Equal(["insert"], ledgerSpans.ToArray());

        ledgerSpans.Clear();
        await AckedAsync(scenario, Batches.Redelivered(batch, 2), timeout.Token);
        Assert.Equal(["read"], ledgerSpans.ToArray());
        Assert.Equal(1, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
        Assert.Single(await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token));
    }

    [Fact]
    public async Task A_first_delivery_of_an_order_that_has_a_row_all_the_same_ends_with_the_stored_row()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var order = Batches.Order();
        var stored = new PaymentRecord(order.OrderId, order.CustomerId, PaymentStatus.Succeeded, "ch_recorded_before", string.Empty,
            order.Total.Clone(), order.CreatedAt.ToDateTimeOffset(), DateTimeOffset.UnixEpoch.AddYears(56));
        var ledger = scenario.App.Services.GetRequiredService<PaymentLedger>();
        Assert.True((await ledger.AddIfAbsentAsync(stored, timeout.Token)).Inserted);

        await AckedAsync(scenario, Batches.Of(scenario.App.Topology, order), timeout.Token);

        var row = await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token);
        Assert.Equal((PaymentStatus.Succeeded, "ch_recorded_before"), (row!.Status, row.ChargeId));
        var payment = Assert.Single(await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token)).Event;
        Assert.Equal((PaymentStatus.Succeeded, "ch_recorded_before"), (payment.Status, payment.PaymentId));
    }

    /// <summary>Records the operation ("read", "insert") of every ledger span of <paramref name="orderId"/>, in order.</summary>
    private static ActivityListener LedgerSpans(string orderId, ConcurrentQueue<string> operations)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PaymentTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.operation.name") is string operation && activity.GetTagItem("payments.order_id") as string == orderId)
                {
                    operations.Enqueue(operation);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static async Task AckedAsync(PaymentScenario scenario, DispatchBatch batch, CancellationToken cancellationToken)
    {
        var response = await scenario.App.Handler.HandleAsync(batch, cancellationToken);
        Assert.All(response.Outcomes, o => Assert.Equal((Outcome.Ack, string.Empty), (o.Outcome, o.Reason)));
    }
}
