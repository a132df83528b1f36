namespace FunctionsOrders.Contracts.Security;

/// <summary>The NATS users of the system: one per component, and one for applying the topology.</summary>
public static class NatsUserNames
{
    /// <summary>OrderFunctions: publishes orders, reads ORDERS and the order-status bucket, writes the bucket.</summary>
    public const string Orders = "orders";

    /// <summary>PaymentFunctions: publishes payment outcomes.</summary>
    public const string Payments = "payments";

    /// <summary>NatsBridge: reads and settles its durable consumers, writes and replays dead letters.</summary>
    public const string Bridge = "bridge";

    /// <summary>The topology command: creates and updates streams, the bucket and consumers. Nothing else uses it.</summary>
    public const string Topology = "topology";

    /// <summary>Every user, in the order the authorization block lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Orders, Payments, Bridge, Topology];
}
