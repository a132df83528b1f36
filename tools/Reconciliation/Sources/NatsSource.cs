using System.Text.Json;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Topology;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>What the checks read from NATS: ORDERS, the order-status bucket, DEADLETTER and the durable consumers.</summary>
internal sealed class NatsSource : IAsyncDisposable
{
    private const int NotFound = 404;
    private const string KvOperationHeader = "KV-Operation";
    private readonly NatsConnection _connection;
    private readonly NatsJSContext _js;
    private readonly JetStreamTopology _topology;
    private readonly string _url;

    private NatsSource(NatsConnection connection, JetStreamTopology topology, string url)
    {
        _connection = connection;
        _js = new NatsJSContext(connection);
        _topology = topology;
        _url = url;
    }

    public static async Task<NatsSource> ConnectAsync(NatsEndpoint endpoint, JetStreamTopology topology, CancellationToken cancellationToken)
    {
        var connection = new NatsConnection(endpoint.ToOpts());
        try
        {
            await connection.ConnectAsync();
            await connection.PingAsync(cancellationToken);
            return new NatsSource(connection, topology, endpoint.Url);
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new ReconciliationSourceException($"NATS at {endpoint.Url} cannot be reached: {ex.Message}", ex);
        }
    }

    /// <summary>Order id → number of <c>OrderCreated</c> messages stored for it (headers only, payloads are not read).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ReadOrderEventsAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var options = new NatsJSOrderedConsumerOpts { FilterSubjects = [_topology.Subjects.OrderCreatedAll], HeadersOnly = true };
        await ScanAsync(_topology.OrdersStream, options, message =>
        {
            var orderId = SubjectNames.LastToken(message.Subject);
            counts[orderId] = counts.GetValueOrDefault(orderId) + 1;
        }, cancellationToken);
        return counts;
    }

    /// <summary>The latest record of every key of the order-status bucket, read from the bucket's stream.</summary>
    public async Task<IReadOnlyDictionary<string, OrderStatusEntry>> ReadStatusesAsync(CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<string, OrderStatusEntry>(StringComparer.Ordinal);
        var keyPrefix = $"$KV.{_topology.OrderStatusBucket}.";
        var options = new NatsJSOrderedConsumerOpts
        {
            FilterSubjects = [keyPrefix + ">"],
            DeliverPolicy = ConsumerConfigDeliverPolicy.LastPerSubject,
        };
        await ScanAsync("KV_" + _topology.OrderStatusBucket, options, message =>
        {
            var key = message.Subject[keyPrefix.Length..];
            if (message.Headers?.TryGetValue(KvOperationHeader, out var operation) == true && operation.ToString() is "DEL" or "PURGE")
            {
                statuses.Remove(key);
                return;
            }

            statuses[key] = ParseStatus(key, message.Data);
        }, cancellationToken);
        return statuses;
    }

    /// <summary>Order id → a dead letter of its <c>OrderCreated</c> or <c>PaymentProcessed</c>, preferring one with a reason.</summary>
    public async Task<IReadOnlyDictionary<string, DeadLetterEntry>> ReadDeadLettersAsync(CancellationToken cancellationToken)
    {
        var letters = new Dictionary<string, DeadLetterEntry>(StringComparer.Ordinal);
        var orderSubjects = new[] { _topology.Subject("orders.created."), _topology.Subject("payments.processed.") };
        var options = new NatsJSOrderedConsumerOpts { FilterSubjects = [_topology.Subjects.DeadLetterAll], HeadersOnly = true };
        await ScanAsync(_topology.DeadLetterStream, options, message =>
        {
            var original = Header(message.Headers, MessageHeaders.DeadLetter.OriginalSubject);
            if (original is null || !orderSubjects.Any(s => original.StartsWith(s, StringComparison.Ordinal)))
            {
                return;
            }

            var letter = new DeadLetterEntry(SubjectNames.LastToken(original), Header(message.Headers, MessageHeaders.DeadLetter.Reason),
                Header(message.Headers, MessageHeaders.DeadLetter.Route), original);
            if (!letters.TryGetValue(letter.OrderId, out var known) || (!known.HasReason && letter.HasReason))
            {
                letters[letter.OrderId] = letter;
            }
        }, cancellationToken);
        return letters;
    }

    /// <summary>The topology's durable consumers as the server reports them.</summary>
    public async Task<IReadOnlyList<ConsumerState>> ReadConsumersAsync(CancellationToken cancellationToken)
    {
        var states = new List<ConsumerState>();
        foreach (var definition in _topology.DefaultConsumers())
        {
            try
            {
                var consumer = await _js.GetConsumerAsync(definition.Stream, definition.Name, cancellationToken);
                var info = consumer.Info;
                states.Add(new ConsumerState(definition.Name, definition.Stream, info.NumPending, (ulong)Math.Max(0, info.NumAckPending)));
            }
            catch (NatsJSApiException ex) when (ex.Error.Code == NotFound)
            {
                states.Add(new ConsumerState(definition.Name, definition.Stream, 0, 0, Exists: false));
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException)
            {
                throw Unreadable($"consumer {definition.Name} of {definition.Stream}", ex);
            }
        }

        return states;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task ScanAsync(string stream, NatsJSOrderedConsumerOpts options, Action<INatsJSMsg<byte[]>> visit, CancellationToken cancellationToken)
    {
        try
        {
            await StreamScanner.ScanAsync(_js, stream, options, visit, cancellationToken);
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException)
        {
            throw Unreadable($"stream {stream}", ex);
        }
    }

    private ReconciliationSourceException Unreadable(string what, Exception ex) =>
        new($"NATS at {_url}: {what} cannot be read: {ex.Message}", ex);

    private static OrderStatusEntry ParseStatus(string key, byte[]? value)
    {
        try
        {
            using var document = JsonDocument.Parse(value ?? []);
            var root = document.RootElement;
            return new OrderStatusEntry(key, Text(root, "status") ?? "<none>", Text(root, "failureReason"), Text(root, "paymentId"));
        }
        catch (JsonException)
        {
            return new OrderStatusEntry(key, "<unreadable>", null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Header(NatsHeaders? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var values) ? values.ToString() : null;
}
