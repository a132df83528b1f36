using FunctionsOrders.Contracts.Topology;

namespace FunctionsOrders.Contracts.Security;

/// <summary>
/// The one definition of what each NATS user may do, computed from the topology (its prefix applied to subjects,
/// streams and the bucket). The server's authorization block is generated from it: see <see cref="NatsAuthorizationBlock"/>.
/// </summary>
public sealed class NatsPermissions
{
    /// <summary>Where every user gets the replies to its requests (JetStream API answers, PubAcks, fetched messages).</summary>
    public const string Inbox = "_INBOX.>";

    private readonly JetStreamTopology _topology;
    private readonly IReadOnlyList<ConsumerDefinition> _bridgeConsumers;

    /// <summary>Permissions for <paramref name="topology"/>; the bridge's consumers default to the system's two.</summary>
    public NatsPermissions(JetStreamTopology topology, IEnumerable<ConsumerDefinition>? bridgeConsumers = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        _topology = topology;
        _bridgeConsumers = (bridgeConsumers ?? topology.DefaultConsumers()).ToList();
    }

    /// <summary>Every user, in the order of <see cref="NatsUserNames.All"/>.</summary>
    public IReadOnlyList<NatsUserPermissions> All() => [Orders(), Payments(), Bridge(), Topology()];

    /// <summary>
    /// OrderFunctions: publishes <c>OrderCreated</c>; reads ORDERS (stream info, last message on a subject, direct or
    /// through the leader) for lookups and repeated POSTs; reads and writes the order-status bucket.
    /// </summary>
    public NatsUserPermissions Orders()
    {
        var orders = _topology.OrdersStream;
        var bucket = _topology.OrderStatusBucket;
        var bucketStream = "KV_" + bucket;
        return new NatsUserPermissions(NatsUserNames.Orders,
        [
            _topology.Subjects.OrderCreatedAll,
            StreamInfo(orders), MessageGet(orders), DirectGet(orders), DirectGet(orders) + ".>",
            StreamInfo(bucketStream), MessageGet(bucketStream), DirectGet(bucketStream), DirectGet(bucketStream) + ".>",
            "$KV." + bucket + ".>",
        ], [Inbox]);
    }

    /// <summary>PaymentFunctions: publishes <c>PaymentProcessed</c>; reads the info of PAYMENTS to verify it.</summary>
    public NatsUserPermissions Payments() => new(NatsUserNames.Payments,
        [_topology.Subjects.PaymentProcessedAll, StreamInfo(_topology.PaymentsStream)], [Inbox]);

    /// <summary>
    /// NatsBridge: for each of its durable consumers, creates or updates it, reads its info, fetches and settles its
    /// messages; publishes dead letters; for <c>replay</c>, reads DEADLETTER through its own short-lived consumers,
    /// deletes replayed dead letters and republishes them to the subjects its consumers read.
    /// </summary>
    public NatsUserPermissions Bridge()
    {
        var deadLetters = _topology.DeadLetterStream;
        var publish = new List<string> { _topology.Subjects.DeadLetterAll, StreamInfo(deadLetters) };
        foreach (var consumer in _bridgeConsumers)
        {
            var id = consumer.Stream + "." + consumer.Name;
            publish.AddRange(
            [
                StreamInfo(consumer.Stream),
                "$JS.API.CONSUMER.CREATE." + id, "$JS.API.CONSUMER.CREATE." + id + ".>",
                "$JS.API.CONSUMER.INFO." + id,
                "$JS.API.CONSUMER.MSG.NEXT." + id,
                "$JS.ACK." + id + ".>",
                consumer.FilterSubject,
            ]);
        }

        publish.AddRange(
        [
            "$JS.API.CONSUMER.CREATE." + deadLetters, "$JS.API.CONSUMER.CREATE." + deadLetters + ".>",
            "$JS.API.CONSUMER.INFO." + deadLetters + ".*",
            "$JS.API.CONSUMER.DELETE." + deadLetters + ".*",
            "$JS.API.CONSUMER.MSG.NEXT." + deadLetters + ".*",
            "$JS.API.STREAM.MSG.DELETE." + deadLetters,
        ]);
        return new NatsUserPermissions(NatsUserNames.Bridge, publish.Distinct(StringComparer.Ordinal).ToList(), [Inbox]);
    }

    /// <summary>The topology command: the whole JetStream API of the account, and no message subject.</summary>
    public NatsUserPermissions Topology() => new(NatsUserNames.Topology, ["$JS.API.>"], [Inbox]);

    private static string StreamInfo(string stream) => "$JS.API.STREAM.INFO." + stream;

    private static string MessageGet(string stream) => "$JS.API.STREAM.MSG.GET." + stream;

    private static string DirectGet(string stream) => "$JS.API.DIRECT.GET." + stream;
}
