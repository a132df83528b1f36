namespace FunctionsOrders.Contracts.Topology;

/// <summary>What a host does with the topology when it starts (setting <c>Topology:AtStart</c>).</summary>
public enum TopologyAtStart
{
    /// <summary>Compare the server with the topology and log each difference as an error; change nothing.</summary>
    Verify,

    /// <summary>
    /// Create and update the streams and the bucket, as <c>NatsBridge topology apply</c> does. For development only:
    /// refused outside the Development environment.
    /// </summary>
    Apply,
}
