using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.OrderFunctions.Nats;
using FunctionsOrders.OrderFunctions.Telemetry;
using FunctionsOrders.ServiceDefaults.JetStream;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>Publishes a valid order as <c>OrderCreated</c> and reports it accepted only once JetStream stored it.</summary>
internal sealed class PlaceOrderHandler(
    IJetStreamPublisher publisher,
    JetStreamTopology topology,
    OrderLookup lookup,
    OrderIds orderIds,
    NatsReads reads,
    IOptions<IntakeOptions> options,
    IntakeMetrics metrics,
    TimeProvider time)
{
    public async Task<PlaceOrderResult> HandleAsync(PlaceOrderCommand command, CancellationToken cancellationToken)
    {
        var order = ToEvent(command, orderIds.For(command.CustomerId, command.IdempotencyKey));
        var started = time.GetTimestamp();
        PublishResult ack;
        try
        {
            // One OrderCreated per order id for as long as ORDERS keeps it, not only within the duplicate window: an
            // Idempotency-Key holds for the stream's whole retention.
            ack = await publisher.PublishAsync(topology.Subjects.OrderCreated(order.OrderId), order, order.OrderId, PublishCondition.FirstOnSubject, cancellationToken);
        }
        catch (JetStreamPublishException ex)
        {
            metrics.Rejected(ex.Reason.ToString());
            var retryAfter = ex.Reason == PublishFailureReason.StreamFull ? options.Value.StreamFullRetryAfter : options.Value.RetryAfter;
            return PlaceOrderResult.Unavailable(ex.Reason.ToString(), retryAfter);
        }
        finally
        {
            metrics.PublishDuration(time.GetElapsedTime(started));
        }

        if (!ack.Duplicate)
        {
            metrics.Accepted(duplicate: false);
            return PlaceOrderResult.Stored(order);
        }

        return await RepeatedAsync(order, cancellationToken);
    }

    /// <summary>
    /// The order id was stored before (the same Idempotency-Key): answer with the order stored then if this request
    /// asks for the same order, refuse it if it asks for another.
    /// </summary>
    private async Task<PlaceOrderResult> RepeatedAsync(OrderCreated order, CancellationToken cancellationToken)
    {
        OrderCreated? stored;
        try
        {
            stored = await reads.RunAsync(order.OrderId, token => lookup.FindCreatedAsync(order.OrderId, token), cancellationToken);
        }
        catch (NatsReadException)
        {
            stored = null;
        }

        if (stored is null)
        {
            // Unreadable, or gone since (deleted, or aged out of the stream just now): this request stored nothing.
            metrics.Rejected(PlaceOrderResult.ReadUnavailable);
            return PlaceOrderResult.Unavailable(PlaceOrderResult.ReadUnavailable, options.Value.RetryAfter);
        }

        if (!SameOrder.As(stored, order))
        {
            metrics.Rejected("key_reused");
            return PlaceOrderResult.KeyReused(stored);
        }

        metrics.Accepted(duplicate: true);
        return PlaceOrderResult.StoredBefore(stored);
    }

    private OrderCreated ToEvent(PlaceOrderCommand command, string orderId)
    {
        var order = new OrderCreated
        {
            OrderId = orderId,
            CustomerId = command.CustomerId,
            Total = MoneyMath.ToMoney(command.Currency, command.TotalMinor, command.MinorDigits),
            CreatedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            IdempotencyKey = command.IdempotencyKey ?? string.Empty,
        };
        foreach (var line in command.Lines)
        {
            order.Items.Add(new LineItem
            {
                Sku = line.Sku,
                Quantity = line.Quantity,
                UnitPrice = MoneyMath.ToMoney(command.Currency, line.UnitPriceMinor, command.MinorDigits),
            });
        }

        return order;
    }
}
