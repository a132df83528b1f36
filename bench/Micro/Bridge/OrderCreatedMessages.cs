using System.Diagnostics;
using System.Globalization;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.Micro.Bridge;

/// <summary>
/// <c>OrderCreated</c> messages as the payments route's pull consumer receives them from the ORDERS stream: the
/// publisher's headers, a JetStream ack subject carrying the metadata, a one-line order as payload.
/// </summary>
internal static class OrderCreatedMessages
{
    // 2025-11-25T12:00:00Z in nanoseconds, as JetStream writes it into the ack subject.
    private const long StoredAtNanos = 1_764_072_000_000_000_000;

    public static List<INatsJSMsg<byte[]>> Fetch(int count, INatsConnection connection, INatsJSContext js)
    {
        var batch = new List<INatsJSMsg<byte[]>>(count);
        for (var i = 0; i < count; i++)
        {
            var sequence = (ulong)(1000 + i);
            var orderId = Guid.NewGuid().ToString("D");
            var payload = Order(orderId).ToByteArray();
            var headers = new NatsHeaders
            {
                [MessageHeaders.MessageId] = orderId,
                [MessageHeaders.ContentType] = MessageHeaders.ProtobufContentType,
                [MessageHeaders.EventType] = OrderCreated.Descriptor.FullName,
                [MessageHeaders.TraceParent] = TraceParent(),
            };
            var ackSubject = string.Create(CultureInfo.InvariantCulture,
                $"$JS.ACK.ORDERS.payments.1.{sequence}.{sequence}.{StoredAtNanos + i}.{count - i - 1}");
            var message = new NatsMsg<byte[]>($"orders.created.{orderId}", ackSubject, payload.Length, headers, payload, connection);
            batch.Add(new NatsJSMsg<byte[]>(message, js));
        }

        return batch;
    }

    /// <summary>
    /// The bridge's span of each message (what <c>BridgeTelemetry.StartMessage</c> gives when tracing is on): a child
    /// of the publisher's trace context, whose id replaces <c>traceparent</c> in the batch.
    /// </summary>
    public static Activity[] MessageSpans(IReadOnlyList<INatsJSMsg<byte[]>> batch)
    {
        var previous = Activity.Current;
        var spans = batch.Select(m =>
        {
            var span = new Activity("process payments");
            span.SetParentId(m.Headers![MessageHeaders.TraceParent].ToString());
            return span.Start();
        }).ToArray();
        foreach (var span in spans)
        {
            span.Stop();
        }

        Activity.Current = previous;
        return spans;
    }

    private static OrderCreated Order(string orderId) => new()
    {
        OrderId = orderId,
        CustomerId = "cust-42",
        Total = new Money { CurrencyCode = "EUR", Units = 39, Nanos = 980_000_000 },
        CreatedAt = new Timestamp { Seconds = StoredAtNanos / 1_000_000_000 },
        IdempotencyKey = "checkout-7f3a9c2e",
        Items = { new LineItem { Sku = "SKU-1", Quantity = 2, UnitPrice = new Money { CurrencyCode = "EUR", Units = 19, Nanos = 990_000_000 } } },
    };

    private static string TraceParent() => $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
}
