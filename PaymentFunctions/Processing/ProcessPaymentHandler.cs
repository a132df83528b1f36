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
/// Charges each <see cref="OrderCreated"/> exactly once, in three stages that <see cref="PaymentBatchHandler"/> runs
/// for a whole batch: <see cref="PrepareAsync"/> finds a recorded payment (the ledger is read first on every delivery
/// but the first, which cannot find a row, unless this instance processed the order lately) or charges the provider
/// with the order id as idempotency key (after asking it for an existing charge, when the message is not on its first
/// delivery); <see cref="RecordAsync"/> records the new charges insert-if-absent, those that share a ledger partition
/// in one transaction; <see cref="PublishAsync"/> publishes <see cref="PaymentProcessed"/> with
/// <c>Nats-Msg-Id</c> = <c>payment-&lt;orderId&gt;</c>. No stage throws but for cancellation: every failure becomes
/// the message's outcome for the bridge.
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

    /// <summary>
    /// Makes sure the ledger can be written (its table exists, with this partition count) before anything of a batch is
    /// charged; null when it can, else the failure, to answer every message of the batch with.
    /// </summary>
    public async Task<Exception?> LedgerReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await ledger.EnsureTableAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ex;
        }
    }

    /// <summary>RETRY for a message not handled because of <paramref name="exception"/> (e.g. from <see cref="LedgerReadyAsync"/>).</summary>
    public MessageOutcome Unhandled(DispatchMessage message, Exception exception) => Failed(message, null, null, exception);

    /// <summary>
    /// Reads and checks the message, then finds the order's recorded payment or charges it. The caller disposes the
    /// result; on cancellation nothing is left to dispose.
    /// </summary>
    public async Task<PaymentWork> PrepareAsync(DispatchBatch batch, DispatchMessage message, CancellationToken cancellationToken = default)
    {
        var work = new PaymentWork(message, PaymentTelemetry.StartProcess(batch, message));
        try
        {
            if (Parse(message) is not { } order)
            {
                work.Finish(Rejected(work, OutcomeReasons.InvalidPayload, "not a parseable orders.v1.OrderCreated"));
                return work;
            }

            var eventType = PaymentTelemetry.Header(message, MessageHeaders.EventType);
            if (eventType is { Length: > 0 } && eventType != EventTypes.OrderCreated)
            {
                work.Finish(Rejected(work, OutcomeReasons.UnexpectedEventType, eventType));
                return work;
            }

            if (OrderValidator.Validate(order) is { Count: > 0 } errors)
            {
                work.Finish(Rejected(work, OutcomeReasons.InvalidMessage, string.Join(" ", errors)));
                return work;
            }

            work.Order = order;
            work.Activity?.SetTag("payments.order_id", order.OrderId);

            // A first delivery cannot find a row (nothing else processed this order yet), so it skips the read, unless
            // this instance processed the order lately (the same batch sent again). Should a row exist all the same,
            // the insert-if-absent of RecordAsync keeps it and returns it.
            var first = Deliveries.IsFirst(message, order.OrderId);
            var record = first && !recent.Contains(order.OrderId) ? null : await ledger.FindAsync(order.OrderId, cancellationToken);
            if (record is not null)
            {
                Log.PaymentReplayed(logger, order.OrderId, record.Status);
                work.Recorded(record);
            }
            else
            {
                work.Charged(NewRecord(order, await ChargeOnceAsync(first, message, order, cancellationToken)));
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested || ex is not OperationCanceledException)
        {
            work.Finish(Failed(work, ex));
        }
        catch
        {
            work.Dispose();
            throw;
        }

        return work;
    }

    /// <summary>Records the new charges of <paramref name="works"/>; a row another delivery wrote first wins.</summary>
    public async Task RecordAsync(IReadOnlyList<PaymentWork> works, CancellationToken cancellationToken = default)
    {
        var results = await ledger.AddAllIfAbsentAsync(works.Select(w => new LedgerWrite(w.Record!, w.Activity)).ToList(), cancellationToken);
        for (var i = 0; i < works.Count; i++)
        {
            var work = works[i];
            if (results[i] is { Stored: { } stored } result)
            {
                Log.PaymentRecorded(logger, stored.OrderId, stored.Status, stored.Reason, result.Inserted);
                work.Recorded(stored);
            }
            else
            {
                work.Finish(Failed(work, results[i].Error ?? new InvalidOperationException("The ledger gave no result.")));
            }
        }
    }

    /// <summary>Publishes the recorded payment and answers ACK.</summary>
    public async Task PublishAsync(PaymentWork work, CancellationToken cancellationToken = default)
    {
        var record = work.Record!;

        // The event carries the message's trace on (this method's own execution context keeps the change).
        Activity.Current = work.Activity ?? Activity.Current;
        try
        {
            recent.Add(record.OrderId);
            await publisher.PublishAsync(
                topology.Subjects.PaymentProcessed(record.OrderId), PaymentEvents.ToEvent(record), PaymentEvents.MessageId(record.OrderId), cancellationToken);
            work.Activity?.SetTag("payments.status", record.Status.ToString());
            metrics.MessageHandled("ack", record.Status.ToString(), record.Reason);
            work.Finish(Outcomes.Ack(work.Message));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested || ex is not OperationCanceledException)
        {
            work.Finish(Failed(work, ex));
        }
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

    private MessageOutcome Failed(PaymentWork work, Exception exception) => Failed(work.Message, work.Order?.OrderId, work.Activity, exception);

    private MessageOutcome Failed(DispatchMessage message, string? orderId, Activity? activity, Exception exception)
    {
        var (reason, delay) = failures.Classify(exception);
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        Log.MessageRetry(logger, message.StreamSequence, orderId ?? SubjectNames.LastToken(message.Subject), reason, delay.TotalMilliseconds, exception);
        metrics.MessageHandled("retry", string.Empty, reason);
        return Outcomes.Retry(message, reason, delay);
    }

    private MessageOutcome Rejected(PaymentWork work, string reason, string detail)
    {
        work.Activity?.SetStatus(ActivityStatusCode.Error, reason);
        Log.MessageRejected(logger, work.Message.StreamSequence, work.Message.Subject, reason, detail);
        metrics.MessageHandled("reject", string.Empty, reason);
        return Outcomes.Reject(work.Message, reason);
    }
}
