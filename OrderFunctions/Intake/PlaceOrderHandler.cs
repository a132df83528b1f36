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
    NatsReads reads,
    IOptions<IntakeOptions> options,
    IntakeMetrics metrics,
    TimeProvider time)
{
    public async Task<PlaceOrderResult> HandleAsync(PlaceOrderCommand command, CancellationToken cancellationToken)
    {
        var order = ToEvent(command, OrderIds.For(command.CustomerId, command.IdempotencyKey));
        var started = time.GetTimestamp();
        PublishResult ack;
        try
        {
            ack = await publisher.PublishAsync(topology.Subjects.OrderCreated(order.OrderId), order, order.OrderId, cancellationToken);
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

        metrics.Accepted(ack.Duplicate);
        if (!ack.Duplicate)
        {
            return PlaceOrderResult.Stored(order, duplicate: false);
        }

        // The key was used before: answer with the order that was stored then, not with this request's body.
        OrderCreated? original;
        try
        {
            original = await reads.RunAsync(order.OrderId, token => lookup.FindCreatedAsync(order.OrderId, token), cancellationToken);
        }
        catch (NatsReadException)
        {
            metrics.Rejected(PlaceOrderResult.ReadUnavailable);
            return PlaceOrderResult.Unavailable(PlaceOrderResult.ReadUnavailable, options.Value.RetryAfter);
        }

        return PlaceOrderResult.Stored(original ?? order, duplicate: true);
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
