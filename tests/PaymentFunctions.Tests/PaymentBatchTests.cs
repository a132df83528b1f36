using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The payments batch handler against real nats-server, Azurite and the simulator process.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class PaymentBatchTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task A_batch_charges_each_order_once_and_publishes_one_PaymentProcessed_per_order()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var orders = Enumerable.Range(0, 5).Select(_ => Batches.Order()).ToArray();

        var response = await scenario.App.Handler.HandleAsync(Batches.Of(scenario.App.Topology, orders), timeout.Token);

        Assert.All(response.Outcomes, o => Assert.Equal(Outcome.Ack, o.Outcome));
        var charges = await scenario.Provider.ChargesAsync(timeout.Token);
        var stored = await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token);
        Assert.Equal(orders.Length, stored.Count);
        foreach (var order in orders)
        {
            var charge = Assert.Single(charges, c => c.OrderId == order.OrderId);
            Assert.Equal(42.5m, charge.Amount);
            var payment = Assert.Single(stored, p => p.Event.OrderId == order.OrderId);
            Assert.Equal(scenario.App.Topology.Subjects.PaymentProcessed(order.OrderId), payment.Subject);
            Assert.Equal("payment-" + order.OrderId, payment.MessageId);
            Assert.Equal(PaymentStatus.Succeeded, payment.Event.Status);
            Assert.Equal(charge.Id, payment.Event.PaymentId);
            Assert.Equal(order.Total, payment.Event.Amount);
            Assert.Equal(order.CreatedAt, payment.Event.OrderCreatedAt);
            Assert.Equal(order.CustomerId, payment.Event.CustomerId);
            var row = await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token);
            Assert.Equal(charge.Id, row!.ChargeId);
            Assert.Equal(PaymentStatus.Succeeded, row.Status);
        }
    }

    [Fact]
    public async Task The_same_batch_again_charges_nothing_and_republishes_the_same_events()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var orders = new[] { Batches.Order(), Batches.Order(), Batches.Order("decline-7") };
        var batch = Batches.Of(scenario.App.Topology, orders);
        await using var first = await PaymentsStream.SubscribeAsync(scenario.App.Services, timeout.Token);
        await scenario.App.Handler.HandleAsync(batch, timeout.Token);
        await first.WaitForAsync(orders.Length, timeout.Token);
        var firstEvents = first.Received.OrderBy(e => e.OrderId).ToList();
        var requestsBefore = await scenario.Provider.ChargeRequestsAsync(timeout.Token);
        await using var second = await PaymentsStream.SubscribeAsync(scenario.App.Services, timeout.Token);

        var again = await scenario.App.Handler.HandleAsync(batch, timeout.Token);

        Assert.All(again.Outcomes, o => Assert.Equal(Outcome.Ack, o.Outcome));
        await second.WaitForAsync(orders.Length, timeout.Token);
        Assert.Equal(firstEvents, second.Received.OrderBy(e => e.OrderId));
        Assert.Equal(requestsBefore, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
        Assert.Equal(orders.Length, (await scenario.Provider.ChargesAsync(timeout.Token)).Count);
        Assert.Equal(orders.Length, (await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token)).Count);
    }

    [Fact]
    public async Task The_same_order_in_two_concurrent_batches_on_two_instances_is_charged_once()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        await using var other = await scenario.StartAnotherInstanceAsync(timeout.Token);
        var orders = Enumerable.Range(0, 8).Select(_ => Batches.Order()).ToArray();

        var responses = await Task.WhenAll(
            scenario.App.Handler.HandleAsync(Batches.Of(scenario.App.Topology, orders), timeout.Token),
            other.Handler.HandleAsync(Batches.Of(other.Topology, orders.Reverse().ToArray()), timeout.Token));

        Assert.All(responses.SelectMany(r => r.Outcomes), o => Assert.Equal(Outcome.Ack, o.Outcome));
        var charges = await scenario.Provider.ChargesAsync(timeout.Token);
        var stored = await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token);
        foreach (var order in orders)
        {
            var charge = Assert.Single(charges, c => c.OrderId == order.OrderId);
            Assert.Equal(charge.Id, Assert.Single(stored, p => p.Event.OrderId == order.OrderId).Event.PaymentId);
        }
    }

    [Fact]
    public async Task A_decline_customer_is_recorded_and_published_as_DECLINED_with_the_provider_reason()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var order = Batches.Order("decline-42");

        var response = await scenario.App.Handler.HandleAsync(Batches.Of(scenario.App.Topology, order), timeout.Token);

        Assert.Equal(Outcome.Ack, Assert.Single(response.Outcomes).Outcome);
        var payment = Assert.Single(await PaymentsStream.ReadAllAsync(scenario.App.Services, timeout.Token)).Event;
        Assert.Equal(PaymentStatus.Declined, payment.Status);
        Assert.Equal("card_declined", payment.FailureReason);
        var row = await scenario.App.LedgerRowAsync(order.OrderId, timeout.Token);
        Assert.Equal(PaymentStatus.Declined, row!.Status);
        Assert.Equal("card_declined", row.Reason);
    }

    [Fact]
    public async Task Garbage_and_invalid_orders_are_rejected_with_a_reason_and_never_charged()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var noTotal = Batches.Order();
        noTotal.Total = null;
        var impossibleTime = Batches.Order();
        impossibleTime.CreatedAt = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = long.MaxValue };
        var good = Batches.Order();
        var batch = Batches.Raw(scenario.App.Topology,
            ("garbage", ByteString.CopyFromUtf8("this is not a protobuf message")),
            (noTotal.OrderId, noTotal.ToByteString()),
            (impossibleTime.OrderId, impossibleTime.ToByteString()),
            (good.OrderId, good.ToByteString()));

        var response = await scenario.App.Handler.HandleAsync(batch, timeout.Token);

        Assert.Collection(
            response.Outcomes,
            o => Assert.Equal((Outcome.Reject, OutcomeReasons.InvalidPayload), (o.Outcome, o.Reason)),
            o => Assert.Equal((Outcome.Reject, OutcomeReasons.InvalidMessage), (o.Outcome, o.Reason)),
            o => Assert.Equal((Outcome.Reject, OutcomeReasons.InvalidMessage), (o.Outcome, o.Reason)),
            o => Assert.Equal(Outcome.Ack, o.Outcome));
        Assert.Equal(batch.Messages.Select(m => m.StreamSequence), response.Outcomes.Select(o => o.StreamSequence));
        Assert.Equal(good.OrderId, Assert.Single(await scenario.Provider.ChargesAsync(timeout.Token)).OrderId);
        Assert.Equal(1, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
    }

    [Fact]
    public async Task A_batch_answers_within_its_time_budget_and_leaves_unstarted_what_would_not_fit()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token, new Dictionary<string, string?>
        {
            ["Payments:MaxConcurrency"] = "2",
            ["Payments:MessageBudget"] = "00:00:01",
        });
        await scenario.Provider.SetFaultsAsync(latencyMs: 700, cancellationToken: timeout.Token);
        var orders = Enumerable.Range(0, 12).Select(_ => Batches.Order()).ToArray();
        var batch = Batches.Of(scenario.App.Topology, orders);
        batch.TimeBudget = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(2.5));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var response = await scenario.App.Handler.HandleAsync(batch, timeout.Token);

        // Two at a time at 0.7 s: waves start at 0, 0.7 and 1.4 s; at 2.1 s less than the 1 s budget is left.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2.5));
        var acked = response.Outcomes.Where(o => o.Outcome == Outcome.Ack).ToList();
        var notStarted = response.Outcomes.Where(o => o.Reason == OutcomeReasons.NotStarted).ToList();
        Assert.InRange(acked.Count, 2, 6);
        Assert.Equal(orders.Length, acked.Count + notStarted.Count);
        Assert.All(notStarted, o => Assert.Equal(Outcome.Retry, o.Outcome));
        var charged = (await scenario.Provider.ChargesAsync(timeout.Token)).Select(c => c.OrderId).ToHashSet();
        Assert.Equal(acked.Count, charged.Count);
        var orderOf = batch.Messages.ToDictionary(m => m.StreamSequence, m => SubjectNames.LastToken(m.Subject));
        Assert.All(notStarted, o => Assert.DoesNotContain(orderOf[o.StreamSequence], charged));
    }
}
