using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.PaymentFunctions.Ledger;
using FunctionsOrders.PaymentFunctions.Provider;
using FunctionsOrders.PaymentFunctions.Telemetry;
using FunctionsOrders.ServiceDefaults.JetStream;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>
/// Charges one <see cref="OrderCreated"/> exactly once: a recorded payment is republished as is (the ledger is read
/// first on every delivery but the first, which cannot find a row, unless this instance processed the order lately);
/// otherwise the provider is charged with the order id as idempotency key (after asking it for an existing charge, when the
/// message is not on its first delivery), the outcome is recorded insert-if-absent, and
/// <see cref="PaymentProcessed"/> is published with <c>Nats-Msg-Id</c> = <c>payment-&lt;orderId&gt;</c>.
/// Never throws but for cancellation: every failure becomes an outcome for the bridge.
/// </summary>
internal sealed class ProcessPaymentHandler(
    PaymentLedger ledger,
    PaymentProviderClient provider,
    IJetStreamPublisher publisher,
    JetStreamTopology topology,
    PaymentFailureClassifier failures,
    PaymentMetrics metrics,
    RecentPayments recent,
    TimeProvider time,
    ILogger<ProcessPaymentHandler> logger)
{
    private static readonly MessageParser<OrderCreated> Parser = OrderCreated.Parser;

    public async Task<MessageOutcome> HandleAsync(DispatchBatch batch, DispatchMessage message, CancellationToken cancellationToken = default)
    {
        using var activity = PaymentTelemetry.StartProcess(batch, message);
        if (Parse(message) is not { } order)
        {
            return Rejected(activity, message, OutcomeReasons.InvalidPayload, "not a parseable orders.v1.OrderCreated");
        }

        var eventType = PaymentTelemetry.Header(message, MessageHeaders.EventType);
        if (eventType is { Length: > 0 } && eventType != EventTypes.OrderCreated)
        {
            return Rejected(activity, message, OutcomeReasons.UnexpectedEventType, eventType);
        }

        if (OrderValidator.Validate(order) is { Count: > 0 } errors)
        {
            return Rejected(activity, message, OutcomeReasons.InvalidMessage, string.Join(" ", errors));
        }

        activity?.SetTag("payments.order_id", order.OrderId);
        try
        {
            var record = await ProcessAsync(message, order, cancellationToken);
            activity?.SetTag("payments.status", record.Status.ToString());
            metrics.MessageHandled("ack", record.Status.ToString(), record.Reason);
            return Outcomes.Ack(message);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested || ex is not OperationCanceledException)
        {
            var (reason, delay) = failures.Classify(ex);
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            Log.MessageRetry(logger, message.StreamSequence, order.OrderId, reason, delay.TotalMilliseconds, ex);
            metrics.MessageHandled("retry", string.Empty, reason);
            return Outcomes.Retry(message, reason, delay);
        }
    }

    private async Task<PaymentRecord> ProcessAsync(DispatchMessage message, OrderCreated order, CancellationToken cancellationToken)
    {
        // A first delivery cannot find a row (nothing else processed this order yet), so it skips the read, unless
        // this instance processed the order lately (the same batch sent again). Should a row exist all the same, the
        // insert-if-absent below keeps it and returns it.
        var first = Deliveries.IsFirst(message, order.OrderId);
        var record = first && !recent.Contains(order.OrderId) ? null : await ledger.FindAsync(order.OrderId, cancellationToken);
        if (record is not null)
        {
            Log.PaymentReplayed(logger, order.OrderId, record.Status);
        }
        else
        {
            var charge = await ChargeOnceAsync(first, message, order, cancellationToken);
            var (stored, inserted) = await ledger.AddIfAbsentAsync(NewRecord(order, charge), cancellationToken);
            record = stored;
            Log.PaymentRecorded(logger, order.OrderId, record.Status, record.Reason, inserted);
        }

        recent.Add(order.OrderId);
        await publisher.PublishAsync(
            topology.Subjects.PaymentProcessed(order.OrderId), PaymentEvents.ToEvent(record), PaymentEvents.MessageId(order.OrderId), cancellationToken);
        return record;
    }

    /// <summary>
    /// Charges the order, unless this is not its first delivery and the provider already holds a charge for it:
    /// an earlier delivery may have charged, got no answer, and the provider forgotten the idempotency key since
    /// (about 24 h), so that charging again would charge twice. A first delivery skips the search.
    /// </summary>
    private async Task<ChargeResult> ChargeOnceAsync(bool first, DispatchMessage message, OrderCreated order, CancellationToken cancellationToken)
    {
        if (!first)
        {
            Log.SearchingCharge(logger, order.OrderId, message.DeliveryCount);
            if (await provider.FindChargeAsync(order.OrderId, cancellationToken) is { } found)
            {
                Log.ChargeFound(logger, order.OrderId, found.ChargeId, found.Status);
                return found;
            }
        }

        return await provider.ChargeAsync(
            new ChargeRequest(order.OrderId, order.CustomerId, PaymentEvents.ToDecimal(order.Total), order.Total.CurrencyCode),
            cancellationToken);
    }

    private PaymentRecord NewRecord(OrderCreated order, ChargeResult charge)
    {
        // Whole milliseconds, so the event built now equals the one rebuilt later from the stored row.
        var now = time.GetUtcNow();
        var processedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var createdAt = order.CreatedAt?.ToDateTimeOffset() ?? processedAt;
        return new PaymentRecord(order.OrderId, order.CustomerId, charge.Status, charge.ChargeId, charge.Reason,
            order.Total.Clone(), createdAt, processedAt);
    }

    private static OrderCreated? Parse(DispatchMessage message)
    {
        try
        {
            return Parser.ParseFrom(message.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private MessageOutcome Rejected(Activity? activity, DispatchMessage message, string reason, string detail)
    {
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        Log.MessageRejected(logger, message.StreamSequence, message.Subject, reason, detail);
        metrics.MessageHandled("reject", string.Empty, reason);
        return Outcomes.Reject(message, reason);
    }
}
