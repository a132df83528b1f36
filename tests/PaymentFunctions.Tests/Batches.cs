using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>Orders and dispatch batches as the bridge would send them.</summary>
internal static class Batches
{
    private static ulong _sequence;

    public static OrderCreated Order(string customerId = "cust-1", long units = 42, int nanos = 500_000_000) => new()
    {
        OrderId = Guid.NewGuid().ToString(),
        CustomerId = customerId,
        Items = { new LineItem { Sku = "sku-1", Quantity = 1, UnitPrice = new Money { CurrencyCode = "EUR", Units = units, Nanos = nanos } } },
        Total = new Money { CurrencyCode = "EUR", Units = units, Nanos = nanos },
        CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
    };

    public static DispatchBatch Of(JetStreamTopology topology, params OrderCreated[] orders) =>
        Raw(topology, orders.Select(o => (o.OrderId, o.ToByteString())).ToArray());

    public static DispatchBatch Raw(JetStreamTopology topology, params (string OrderId, ByteString Payload)[] messages)
    {
        var batch = new DispatchBatch { Route = "payments", Stream = topology.OrdersStream, Consumer = "payments" };
        foreach (var (orderId, payload) in messages)
        {
            batch.Messages.Add(new DispatchMessage
            {
                StreamSequence = Interlocked.Increment(ref _sequence),
                Subject = topology.Subjects.OrderCreated(orderId),
                DeliveryCount = 1,
                Headers =
                {
                    new Header { Name = MessageHeaders.MessageId, Value = orderId },
                    new Header { Name = MessageHeaders.EventType, Value = EventTypes.OrderCreated },
                    new Header { Name = MessageHeaders.ContentType, Value = MessageHeaders.ProtobufContentType },
                },
                Payload = payload,
                PublishedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            });
        }

        return batch;
    }

    /// <summary>The same messages delivered again, as the bridge sends them after a NAK or an expired ack wait.</summary>
    public static DispatchBatch Redelivered(DispatchBatch batch, uint deliveryCount)
    {
        var again = batch.Clone();
        foreach (var message in again.Messages)
        {
            message.DeliveryCount = deliveryCount;
        }

        return again;
    }

    /// <summary>The same delivery sent again by the bridge after a dispatch of it got no answer (a timeout).</summary>
    public static DispatchBatch SentAgain(DispatchBatch batch)
    {
        var again = batch.Clone();
        foreach (var message in again.Messages)
        {
            message.UnansweredDispatches++;
        }

        return again;
    }

    /// <summary>
    /// The same messages replayed from the dead-letter stream: first deliveries of new stream messages whose
    /// <c>Nats-Msg-Id</c> is the original one plus <c>-replay-&lt;dead-letter sequence&gt;</c>.
    /// </summary>
    public static DispatchBatch Replayed(DispatchBatch batch)
    {
        var replayed = batch.Clone();
        foreach (var message in replayed.Messages)
        {
            var sequence = Interlocked.Increment(ref _sequence);
            message.StreamSequence = sequence;
            message.DeliveryCount = 1;
            var id = message.Headers.Single(h => h.Name == MessageHeaders.MessageId);
            id.Value += "-replay-" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return replayed;
    }
}
