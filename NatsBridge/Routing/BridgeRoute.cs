using FunctionsOrders.Contracts.Topology;

namespace FunctionsOrders.NatsBridge.Routing;

/// <summary>A route with its names resolved against the topology (prefix applied).</summary>
internal sealed record BridgeRoute(string Name, BridgeRouteOptions Options, string Stream, string Consumer, string FilterSubject, string DeadLetterSubject)
{
    public static BridgeRoute Resolve(string name, BridgeRouteOptions options, JetStreamTopology topology) => new(
        name,
        options,
        topology.StreamName(options.Stream),
        string.IsNullOrWhiteSpace(options.Consumer) ? name : options.Consumer,
        topology.Subject(options.FilterSubject),
        topology.Subjects.DeadLetter(name));

    /// <summary>The durable consumer this route reads, as the topology initializer ensures it.</summary>
    public ConsumerDefinition ConsumerDefinition() => new(
        Consumer, Stream, FilterSubject, Options.AckWait, Contracts.Topology.ConsumerDefinition.UnlimitedDeliveries,
        Options.BatchSize * Options.MaxBatchesInFlight * Options.MaxReplicas);
}
