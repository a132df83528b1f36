using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Ledger;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.PaymentFunctions.Ledger;
using FunctionsOrders.PaymentFunctions.Telemetry;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>
/// The new charges of a batch whose rows share a ledger partition are recorded in one entity-group transaction;
/// a transaction that meets a stored row falls back to row-by-row inserts that keep it; a table remembers the
/// partition count it was created with.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class LedgerTransactionTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task The_new_charges_of_a_batch_in_one_partition_are_recorded_in_one_transaction_each_span_in_its_order_trace()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, OnePartition());
        var orders = Enumerable.Range(0, 6).Select(_ => Batches.Order()).ToArray();
        var spans = new ConcurrentBag<Activity>();
        using var listener = Listen(spans);

        var response = await scenario.App.Handler.HandleAsync(Batches.Of(scenario.App.Topology, orders), timeout.Token);

        Assert.All(response.Outcomes, o => Assert.Equal((Outcome.Ack, string.Empty), (o.Outcome, o.Reason)));
        var charges = await scenario.Provider.ChargesAsync(timeout.Token);
        foreach (var order in orders)
        {
            var process = Assert.Single(spans, s => s.Kind == ActivityKind.Consumer && Equals(s.GetTagItem("payments.order_id"), order.OrderId));
            var insert = Assert.Single(spans, s => s.DisplayName.StartsWith("insert ", StringComparison.Ordinal) && Equals(s.GetTagItem("payments.order_id"), order.OrderId));
            Assert.Equal((process.TraceId, process.SpanId), (insert.TraceId, insert.ParentSpanId));
            Assert.Equal(orders.Length, insert.GetTagItem("db.operation.batch.size"));
            var row = await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token);
            Assert.Equal(Assert.Single(charges, c => c.OrderId == order.OrderId).Id, row!.ChargeId);
        }

        Assert.Equal(orders.Length, (await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token)).Count);
    }

    [Fact]
    public async Task With_several_partitions_each_partition_of_a_batch_is_one_transaction()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var orders = Enumerable.Range(0, 24).Select(_ => Batches.Order()).ToArray();
        var spans = new ConcurrentBag<Activity>();
        using var listener = Listen(spans);

        var response = await scenario.App.Handler.HandleAsync(Batches.Of(scenario.App.Topology, orders), timeout.Token);

        Assert.All(response.Outcomes, o => Assert.Equal(Outcome.Ack, o.Outcome));
        var partitions = orders.GroupBy(o => LedgerKeys.PartitionKey(o.OrderId, 8)).ToList();
        Assert.True(partitions.Count > 1);
        foreach (var partition in partitions)
        {
            foreach (var order in partition)
            {
                var insert = Assert.Single(spans, s => s.DisplayName.StartsWith("insert ", StringComparison.Ordinal) && Equals(s.GetTagItem("payments.order_id"), order.OrderId));
                Assert.Equal(partition.Count() > 1 ? partition.Count() : null, insert.GetTagItem("db.operation.batch.size"));
            }
        }

        var rows = new List<string>();
        await foreach (var row in scenario.App.LedgerTable.QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: timeout.Token))
        {
            rows.Add(row.PartitionKey + "/" + row.RowKey);
        }

        Assert.Equal(
            orders.Select(o => LedgerKeys.PartitionKey(o.OrderId, 8) + "/" + o.OrderId).Append("layout/ledger").Order(StringComparer.Ordinal),
            rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_transaction_that_meets_a_stored_row_records_the_others_and_keeps_the_stored_one()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, OnePartition());
        var orders = Enumerable.Range(0, 3).Select(_ => Batches.Order()).ToArray();
        var recorded = orders[1];
        var stored = new PaymentRecord(recorded.OrderId, recorded.CustomerId, PaymentStatus.Succeeded, "ch_recorded_before", string.Empty,
            recorded.Total.Clone(), recorded.CreatedAt.ToDateTimeOffset(), DateTimeOffset.UnixEpoch.AddYears(56));
        Assert.True((await scenario.App.Services.GetRequiredService<PaymentLedger>().AddIfAbsentAsync(stored, timeout.Token)).Inserted);

        var response = await scenario.App.Handler.HandleAsync(Batches.Of(scenario.App.Topology, orders), timeout.Token);

        Assert.All(response.Outcomes, o => Assert.Equal((Outcome.Ack, string.Empty), (o.Outcome, o.Reason)));
        var charges = await scenario.Provider.ChargesAsync(timeout.Token);
        var payments = await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token);
        foreach (var order in orders)
        {
            var expected = order == recorded ? "ch_recorded_before" : Assert.Single(charges, c => c.OrderId == order.OrderId).Id;
            Assert.Equal(expected, (await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token))!.ChargeId);
            Assert.Equal(expected, Assert.Single(payments, p => p.Event.OrderId == order.OrderId).Event.PaymentId);
        }
    }

    [Fact]
    public async Task A_table_created_with_one_partition_count_fails_the_start_of_an_instance_set_to_another_naming_the_key()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, OnePartition());
        var settings = new Dictionary<string, string?>(scenario.Settings) { ["Payments:Ledger:PartitionCount"] = "8" };

        var error = await Assert.ThrowsAsync<LedgerLayoutException>(() => PaymentTestHost.StartAsync(settings, timeout.Token));

        var table = scenario.Settings["Payments:Ledger:TableName"];
        Assert.Contains($"Payments:Ledger:PartitionCount is 8, but ledger table '{table}' was created with 1", error.Message, StringComparison.Ordinal);
        await using var same = await scenario.StartAnotherInstanceAsync(timeout.Token);
    }

    [Fact]
    public async Task A_table_with_another_partition_count_found_only_at_first_use_fails_the_batch_before_anything_is_charged()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, OnePartition());
        var settings = new Dictionary<string, string?>(scenario.Settings) { ["Payments:Ledger:PartitionCount"] = "8" };
        await using var other = PaymentTestHost.Unstarted(settings);
        var orders = Enumerable.Range(0, 3).Select(_ => Batches.Order()).ToArray();

        var response = await other.Handler.HandleAsync(Batches.Of(scenario.App.Topology, orders), timeout.Token);

        Assert.All(response.Outcomes, o => Assert.Equal((Outcome.Retry, OutcomeReasons.LedgerUnavailable), (o.Outcome, o.Reason)));
        Assert.Equal(0, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
    }

    [Fact]
    public async Task A_table_with_rows_but_no_layout_row_fails_the_start_naming_the_table()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var table = PaymentTestHost.UniqueName("oldledger");
        var client = new Azure.Data.Tables.TableClient(azurite.Server.ConnectionString, table);
        await client.CreateAsync(timeout.Token);
        await client.AddEntityAsync(new Azure.Data.Tables.TableEntity("order-written-before", "payment") { ["Status"] = "Succeeded" }, timeout.Token);
        var settings = new Dictionary<string, string?>(scenario.Settings) { ["Payments:Ledger:TableName"] = table };

        var error = await Assert.ThrowsAsync<LedgerLayoutException>(() => PaymentTestHost.StartAsync(settings, timeout.Token));

        Assert.Contains($"Ledger table '{table}' has rows but no layout row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_order_twice_in_one_batch_is_charged_once_and_both_messages_are_acked()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, OnePartition());
        var order = Batches.Order();
        var other = Batches.Order();

        var response = await scenario.App.Handler.HandleAsync(Batches.Of(scenario.App.Topology, order, other, order), timeout.Token);

        Assert.All(response.Outcomes, o => Assert.Equal((Outcome.Ack, string.Empty), (o.Outcome, o.Reason)));
        var charges = await scenario.Provider.ChargesAsync(timeout.Token);
        Assert.Equal(Assert.Single(charges, c => c.OrderId == order.OrderId).Id, (await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token))!.ChargeId);
        Assert.Single(charges, c => c.OrderId == other.OrderId);
    }

    [Fact]
    public async Task A_charge_that_runs_out_the_budget_does_not_hold_back_the_rows_and_payments_of_the_others()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, new Dictionary<string, string?>
        {
            ["Payments:Ledger:PartitionCount"] = "1",
            ["Payments:MaxConcurrency"] = "4",
            ["Payments:MessageBudget"] = "00:00:00.500",
            ["Payments:Provider:AttemptTimeout"] = "00:00:05",
            ["Payments:Provider:TotalTimeout"] = "00:00:06",
        });
        await scenario.Provider.SetFaultsAsync(latencyMs: 4000, latencyCustomerPrefix: "slow-", cancellationToken: timeout.Token);
        var fast = Enumerable.Range(0, 3).Select(_ => Batches.Order()).ToArray();
        var slow = Batches.Order(customerId: "slow-1");
        var batch = Batches.Of(scenario.App.Topology, [.. fast, slow]);
        batch.TimeBudget = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(2));

        var response = await scenario.App.Handler.HandleAsync(batch, timeout.Token);

        Assert.Equal(
            [Outcome.Ack, Outcome.Ack, Outcome.Ack, Outcome.Retry],
            response.Outcomes.Select(o => o.Outcome));
        Assert.Equal(OutcomeReasons.BudgetExhausted, response.Outcomes[3].Reason);
        var payments = await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token);
        foreach (var order in fast)
        {
            Assert.NotNull(await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token));
            Assert.Single(payments, p => p.Event.OrderId == order.OrderId);
        }
    }

    private static Dictionary<string, string?> OnePartition() => new() { ["Payments:Ledger:PartitionCount"] = "1" };

    private static ActivityListener Listen(ConcurrentBag<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PaymentTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
