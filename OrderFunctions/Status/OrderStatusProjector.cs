using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.OrderFunctions.Intake;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>Applies one dispatched <c>OrderCreated</c> or <c>PaymentProcessed</c> to the order-status bucket.</summary>
internal sealed class OrderStatusProjector(OrderStatusStore store, TimeProvider time, ILogger<OrderStatusProjector> logger)
{
    public const string KvConflict = "kv_conflict";
    public const string StoreUnavailable = "status_store_unavailable";
    public const string UnexpectedError = "unexpected_error";
    private const int MaxAttempts = 5;

    public async Task<MessageOutcome> ApplyAsync(DispatchMessage message, CancellationToken cancellationToken)
    {
        var outcome = new MessageOutcome { StreamSequence = message.StreamSequence };
        Func<OrderStatusRecord?, OrderStatusRecord?> transition;
        string orderId;
        try
        {
            (orderId, transition) = Parse(message);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or FormatException)
        {
            outcome.Outcome = Outcome.Reject;
            outcome.Reason = ex is FormatException ? OutcomeReasons.InvalidMessage : OutcomeReasons.InvalidPayload;
            return outcome;
        }

        try
        {
            // Most orders have no record yet (OrderCreated is not projected): try the create first, which answers
            // in one round trip; a key that has a value fails it and takes the read and compare-and-set below.
            if (transition(null) is { } fresh && await store.TryWriteAsync(fresh, 0, cancellationToken))
            {
                outcome.Outcome = Outcome.Ack;
                return outcome;
            }

            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var (current, revision) = await store.GetAsync(orderId, cancellationToken);
                var next = transition(current);
                if (next is null || await store.TryWriteAsync(next, revision, cancellationToken))
                {
                    outcome.Outcome = Outcome.Ack;
                    return outcome;
                }
            }

            return Retry(outcome, KvConflict, TimeSpan.FromMilliseconds(250));
        }
        catch (NatsException)
        {
            return Retry(outcome, StoreUnavailable, TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Never fail the whole batch for one message: retried, and dead-lettered once its deliveries run out.
            Log.ProjectionFailed(logger, message.Subject, message.StreamSequence, ex);
            return Retry(outcome, UnexpectedError, TimeSpan.FromSeconds(2));
        }
    }

    private (string OrderId, Func<OrderStatusRecord?, OrderStatusRecord?> Transition) Parse(DispatchMessage message)
    {
        var type = message.Headers.LastOrDefault(h => h.Name == MessageHeaders.EventType)?.Value;
        var now = time.GetUtcNow();
        if (type == EventTypes.OrderCreated)
        {
            var created = OrderCreated.Parser.ParseFrom(message.Payload);
            RequireId(created.OrderId);
            RequireTime(created.CreatedAt);
            if (created.Total is not { } total
                || !Currencies.TryGetMinorDigits(total.CurrencyCode, out var digits)
                || !MoneyMath.TryFromMoney(total, digits, out _))
            {
                throw new FormatException("OrderCreated without a valid total.");
            }

            return (created.OrderId, current => StatusTransitions.Apply(current, created, now));
        }

        if (type == EventTypes.PaymentProcessed)
        {
            var payment = PaymentProcessed.Parser.ParseFrom(message.Payload);
            RequireId(payment.OrderId);
            RequireTime(payment.ProcessedAt);
            RequireTime(payment.OrderCreatedAt);
            if (payment.Status == PaymentStatus.Unspecified)
            {
                throw new FormatException("PaymentProcessed without a status.");
            }

            // A status this version does not know (from a newer producer) is not a failure: it is dead-lettered with
            // its reason, to be replayed once this projection understands it.
            if (!System.Enum.IsDefined(payment.Status))
            {
                throw new FormatException($"PaymentProcessed with an unknown status ({(int)payment.Status}).");
            }

            return (payment.OrderId, current => StatusTransitions.Apply(current, payment, now));
        }

        throw new FormatException($"Unexpected event type '{type}'.");
    }

    private static void RequireId(string orderId)
    {
        if (!OrderIds.IsWellFormed(orderId))
        {
            throw new FormatException($"'{orderId}' is not an order id.");
        }
    }

    /// <summary>A timestamp the transitions can convert: seconds within years 1 to 9999, nanos within a second.</summary>
    private static void RequireTime(Timestamp? time)
    {
        try
        {
            _ = time?.ToDateTimeOffset();
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static MessageOutcome Retry(MessageOutcome outcome, string reason, TimeSpan delay)
    {
        outcome.Outcome = Outcome.Retry;
        outcome.Reason = reason;
        outcome.RetryDelay = Duration.FromTimeSpan(delay);
        return outcome;
    }
}
