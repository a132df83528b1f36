using FunctionsOrders.Contracts.Messaging;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.Contracts.Topology;

/// <summary>
/// The streams, bucket and consumers of the system as code: the one place their names, subjects and limits
/// are defined. Applying them to a server is the job of the topology initializer.
/// </summary>
public sealed class JetStreamTopology
{
    private readonly TopologyOptions _options;

    /// <summary>Creates the topology for the given settings.</summary>
    public JetStreamTopology(TopologyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Subjects = new SubjectNames(options.Prefix);
        var namePrefix = options.Prefix.Length == 0 ? string.Empty : options.Prefix + "_";
        OrdersStream = namePrefix + TopologyNames.OrdersStream;
        PaymentsStream = namePrefix + TopologyNames.PaymentsStream;
        DeadLetterStream = namePrefix + TopologyNames.DeadLetterStream;
        OrderStatusBucket = namePrefix + TopologyNames.OrderStatusBucket;
    }

    /// <summary>Subjects, with the prefix applied.</summary>
    public SubjectNames Subjects { get; }

    /// <summary>Name of the ORDERS stream.</summary>
    public string OrdersStream { get; }

    /// <summary>Name of the PAYMENTS stream.</summary>
    public string PaymentsStream { get; }

    /// <summary>Name of the DEADLETTER stream.</summary>
    public string DeadLetterStream { get; }

    /// <summary>Name of the order-status bucket.</summary>
    public string OrderStatusBucket { get; }

    /// <summary>The name a stream has on the server: <paramref name="logicalName"/> (e.g. <c>ORDERS</c>) with the prefix applied.</summary>
    public string StreamName(string logicalName)
    {
        ArgumentException.ThrowIfNullOrEmpty(logicalName);
        return _options.Prefix.Length == 0 ? logicalName : _options.Prefix + "_" + logicalName;
    }

    /// <summary>A subject or filter (e.g. <c>orders.created.&gt;</c>) with the prefix applied.</summary>
    public string Subject(string logicalSubject)
    {
        ArgumentException.ThrowIfNullOrEmpty(logicalSubject);
        return _options.Prefix.Length == 0 ? logicalSubject : _options.Prefix + "." + logicalSubject;
    }

    /// <summary>Replicas of every stream and bucket.</summary>
    public int Replicas => _options.Replicas;

    /// <summary>The three streams, in the order they are ensured.</summary>
    public IReadOnlyList<StreamConfig> Streams() =>
    [
        EventStream(OrdersStream, Subjects.OrdersAll, _options.OrdersMaxBytes, _options.MaxAge,
            "Accepted orders. Full means refuse new publishes, never drop accepted orders."),
        EventStream(PaymentsStream, Subjects.PaymentsAll, _options.PaymentsMaxBytes, _options.MaxAge,
            "Payment outcomes, one per order."),
        EventStream(DeadLetterStream, Subjects.DeadLetterAll, _options.DeadLetterMaxBytes, _options.DeadLetterMaxAge,
            "Messages the bridge gave up on, with reason headers; replayable."),
    ];

    /// <summary>The order-status read-model bucket.</summary>
    public NatsKVConfig OrderStatusBucketConfig() => new(OrderStatusBucket)
    {
        Description = "Order-status read model, updated with compare-and-set.",
        History = _options.OrderStatusHistory,
        Storage = NatsKVStorageType.File,
        NumberOfReplicas = _options.Replicas,
        MaxValueSize = 64 * 1024,
    };

    /// <summary>
    /// The durable consumers of the system with default settings: accepted orders to the payments function, payment
    /// outcomes to the order-status projection. An order gets its read-model entry from its outcome alone; until
    /// then the order API answers it from ORDERS.
    /// </summary>
    public IReadOnlyList<ConsumerDefinition> DefaultConsumers() =>
    [
        Consumer(TopologyNames.PaymentsConsumer, OrdersStream, Subjects.OrderCreatedAll),
        Consumer(TopologyNames.PaymentStatusConsumer, PaymentsStream, Subjects.PaymentProcessedAll),
    ];

    private static ConsumerDefinition Consumer(string name, string stream, string filter) =>
        new(name, stream, filter, ConsumerDefinition.DefaultAckWait, ConsumerDefinition.UnlimitedDeliveries,
            ConsumerDefinition.DefaultMaxAckPending);

    private StreamConfig EventStream(string name, string subjects, long maxBytes, TimeSpan maxAge, string description) =>
        new(name, [subjects])
        {
            Description = description,
            Retention = StreamConfigRetention.Limits,
            Storage = StreamConfigStorage.File,
            Discard = StreamConfigDiscard.New,
            MaxBytes = maxBytes,
            MaxMsgs = -1,
            MaxMsgsPerSubject = -1,
            MaxAge = maxAge,
            MaxMsgSize = _options.MaxMessageSize,
            DuplicateWindow = _options.DuplicateWindow,
            NumReplicas = _options.Replicas,
            MaxConsumers = -1,
            AllowDirect = true,
        };
}
