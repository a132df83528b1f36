namespace FunctionsOrders.AppHost.Resources;

/// <summary>
/// The run's NATS: one nats-server (the default), or a three-node JetStream cluster when
/// <c>FUNCTIONSORDERS_NATS_CLUSTER=3</c> (what <c>./run.sh --cluster</c> sets). <see cref="Url"/> lists every
/// server's client URL and <see cref="Replicas"/> is the replica count the services give streams and buckets.
/// </summary>
internal sealed record LocalNats(IReadOnlyList<IResourceBuilder<ExecutableResource>> Servers, string Url, int Replicas)
{
    /// <summary>
    /// The one-shot <c>NatsBridge topology apply</c> that creates the streams, the bucket and the consumers; the
    /// services wait for it to complete, since their users may not create them.
    /// </summary>
    public IResourceBuilder<ProjectResource>? TopologyApply { get; init; }

    public const string ClusterVariable = "FUNCTIONSORDERS_NATS_CLUSTER";
    public const int ClusterSize = 3;

    /// <summary>How many servers the run asks for: 1, or <see cref="ClusterSize"/>.</summary>
    public static int RequestedServers() => Environment.GetEnvironmentVariable(ClusterVariable) switch
    {
        null or "" or "1" => 1,
        "3" => ClusterSize,
        var other => throw new InvalidOperationException(
            $"{ClusterVariable} must be 3 (a three-node cluster), or empty or 1 (one server), not '{other}'."),
    };
}
