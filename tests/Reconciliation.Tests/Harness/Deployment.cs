using System.Text.Json;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.SystemHarness;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.Reconciliation.Tests.Harness;

/// <summary>
/// One deployment's JetStream state under its own prefix, written by hand: the topology as the system applies it,
/// then OrderCreated and PaymentProcessed events, order-status records, dead letters and consumer settlements.
/// </summary>
internal sealed class Deployment : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly NatsConnection _connection;
    private readonly NatsJSContext _js;
    private readonly INatsKVStore _statuses;

    private Deployment(NatsConnection connection, NatsJSContext js, INatsKVStore statuses, JetStreamTopology topology, TopologyOptions options)
    {
        _connection = connection;
        _js = js;
        _statuses = statuses;
        Topology = topology;
        Options = options;
    }

    public JetStreamTopology Topology { get; }

    public TopologyOptions Options { get; }

    public static async Task<Deployment> CreateAsync(NatsOpts opts, CancellationToken cancellationToken)
    {
        var options = new TopologyOptions { Prefix = "r" + Guid.NewGuid().ToString("N")[..10] };
        var topology = new JetStreamTopology(options);
        var connection = new NatsConnection(opts);
        var js = new NatsJSContext(connection);
        var kv = new NatsKVContext(js);
        await new JetStreamTopologyInitializer(js, kv, topology, NullLogger<JetStreamTopologyInitializer>.Instance)
            .EnsureAsync(cancellationToken: cancellationToken);
        var statuses = await kv.GetStoreAsync(topology.OrderStatusBucket, cancellationToken);
        return new Deployment(connection, js, statuses, topology, options);
    }

    public static string NewOrderId() => Guid.NewGuid().ToString();

    public async Task PublishOrderAsync(string orderId, string customerId = "cust-1", CancellationToken cancellationToken = default)
    {
        var created = new OrderCreated
        {
            OrderId = orderId,
            CustomerId = customerId,
            Items = { new LineItem { Sku = "SKU-1", Quantity = 1, UnitPrice = Total() } },
            Total = Total(),
            CreatedAt = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()),
            IdempotencyKey = orderId,
        };
        await PublishAsync(Topology.Subjects.OrderCreated(orderId), created, orderId, EventTypes.OrderCreated, cancellationToken);
    }

    public Task PublishPaymentAsync(string orderId, string chargeId, bool succeeded, CancellationToken cancellationToken = default) =>
        PublishAsync(Topology.Subjects.PaymentProcessed(orderId), new PaymentProcessed
        {
            OrderId = orderId,
            PaymentId = chargeId,
            Status = succeeded ? PaymentStatus.Succeeded : PaymentStatus.Declined,
            FailureReason = succeeded ? string.Empty : "card_declined",
            Amount = Total(),
            ProcessedAt = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()),
        }, "payment-" + orderId, EventTypes.PaymentProcessed, cancellationToken);

    /// <summary>Writes the order's record in the order-status bucket as OrderFunctions does (JSON, web casing).</summary>
    public async Task SetStatusAsync(string orderId, string status, string? failureReason = null, string? paymentId = null, CancellationToken cancellationToken = default)
    {
        var now = TimeProvider.System.GetUtcNow();
        var record = new { orderId, status, failureReason, paymentId, currency = "EUR", totalMinor = 1250, createdAt = now, updatedAt = now };
        await _statuses.PutAsync(orderId, JsonSerializer.SerializeToUtf8Bytes(record, Json), cancellationToken: cancellationToken);
    }

    /// <summary>Copies the order's OrderCreated to DEADLETTER as the bridge does; a null reason leaves the reason header out.</summary>
    public async Task DeadLetterAsync(string orderId, string? reason, CancellationToken cancellationToken = default)
    {
        var headers = new NatsHeaders
        {
            [MessageHeaders.DeadLetter.Route] = TopologyNames.PaymentsConsumer,
            [MessageHeaders.DeadLetter.Stream] = Topology.OrdersStream,
            [MessageHeaders.DeadLetter.OriginalSubject] = Topology.Subjects.OrderCreated(orderId),
            [MessageHeaders.DeadLetter.OriginalMessageId] = orderId,
        };
        if (reason is not null)
        {
            headers[MessageHeaders.DeadLetter.Reason] = reason;
        }

        var ack = await _js.PublishAsync(Topology.Subjects.DeadLetter(TopologyNames.PaymentsConsumer), new byte[] { 1 }, headers: headers, cancellationToken: cancellationToken);
        ack.EnsureSuccess();
    }

    /// <summary>Receives and acks everything on every durable consumer, as the bridge would, and waits until the server shows them drained.</summary>
    public async Task DrainConsumersAsync(CancellationToken cancellationToken)
    {
        foreach (var definition in Topology.DefaultConsumers())
        {
            var consumer = await _js.GetConsumerAsync(definition.Stream, definition.Name, cancellationToken);
            int got;
            do
            {
                got = 0;
                await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 500 }, cancellationToken: cancellationToken))
                {
                    got++;
                    await message.AckAsync(cancellationToken: cancellationToken);
                }
            }
            while (got > 0);

            await Poll.UntilAsync(
                async () =>
                {
                    await consumer.RefreshAsync(cancellationToken);
                    return consumer.Info.NumPending == 0 && consumer.Info.NumAckPending == 0;
                },
                TimeSpan.FromSeconds(20), $"consumer {definition.Name} on {definition.Stream} to drain", cancellationToken: cancellationToken);
        }
    }

    /// <summary>Receives one message on a consumer and leaves it unacknowledged.</summary>
    public async Task ReceiveWithoutAckAsync(string consumerName, string stream, CancellationToken cancellationToken)
    {
        var consumer = await _js.GetConsumerAsync(stream, consumerName, cancellationToken);
        var received = 0;
        await foreach (var unused in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1 }, cancellationToken: cancellationToken))
        {
            received++;
        }

        Assert.Equal(1, received);
    }

    public async Task DeleteConsumerAsync(string consumerName, string stream, CancellationToken cancellationToken) =>
        Assert.True(await _js.DeleteConsumerAsync(stream, consumerName, cancellationToken));

    /// <summary>Consumers on a stream, ephemeral ones included.</summary>
    public async Task<long> ConsumerCountAsync(string stream, CancellationToken cancellationToken) =>
        (await _js.GetStreamAsync(stream, cancellationToken: cancellationToken)).Info.State.ConsumerCount;

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static Money Total() => new() { CurrencyCode = "EUR", Units = 12, Nanos = 500_000_000 };

    private async Task PublishAsync(string subject, IMessage message, string messageId, string eventType, CancellationToken cancellationToken)
    {
        var headers = new NatsHeaders
        {
            [MessageHeaders.ContentType] = MessageHeaders.ProtobufContentType,
            [MessageHeaders.EventType] = eventType,
        };
        var ack = await _js.PublishAsync(subject, message.ToByteArray(), opts: new NatsJSPubOpts { MsgId = messageId }, headers: headers, cancellationToken: cancellationToken);
        ack.EnsureSuccess();
    }
}
