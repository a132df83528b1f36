using NATS.Client.JetStream.Models;

namespace FunctionsOrders.Contracts.Topology;

/// <summary>A durable pull consumer with explicit ack on one stream.</summary>
/// <param name="Name">Durable name, shared by every bridge replica of the route.</param>
/// <param name="Stream">Stream the consumer reads.</param>
/// <param name="FilterSubject">Subjects it receives.</param>
/// <param name="AckWait">Time before an unacknowledged delivery is redelivered; longer than the dispatch timeout.</param>
/// <param name="MaxDeliver">
/// Deliveries before the server stops redelivering; <see cref="UnlimitedDeliveries"/> for the system's consumers,
/// whose delivery budget the bridge enforces (a message past the server's limit would be silently gone).
/// </param>
/// <param name="MaxAckPending">Messages delivered and not yet settled: batch size × batches in flight × replicas.</param>
public sealed record ConsumerDefinition(
    string Name,
    string Stream,
    string FilterSubject,
    TimeSpan AckWait,
    int MaxDeliver,
    int MaxAckPending)
{
    /// <summary>Default ack wait of the system's consumers.</summary>
    public static readonly TimeSpan DefaultAckWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The server's delivery limit of the system's consumers: none. The bridge ends a message (ack, or dead letter
    /// then terminate), never the server, so no path that hands a message back can leave it undeliverable.
    /// </summary>
    public const int UnlimitedDeliveries = -1;

    /// <summary>Default unsettled-message limit of the system's consumers.</summary>
    public const int DefaultMaxAckPending = 1024;

    /// <summary>The server-side configuration of this consumer.</summary>
    public ConsumerConfig ToConsumerConfig() => new(Name)
    {
        DurableName = Name,
        FilterSubject = FilterSubject,
        AckPolicy = ConsumerConfigAckPolicy.Explicit,
        DeliverPolicy = ConsumerConfigDeliverPolicy.All,
        ReplayPolicy = ConsumerConfigReplayPolicy.Instant,
        AckWait = AckWait,
        MaxDeliver = MaxDeliver,
        MaxAckPending = MaxAckPending,
    };
}
