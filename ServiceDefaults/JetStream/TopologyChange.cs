namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>What ensuring one stream, bucket or consumer did.</summary>
/// <param name="Kind"><c>stream</c>, <c>bucket</c> or <c>consumer</c>.</param>
/// <param name="Name">Its name (a consumer as <c>STREAM/consumer</c>).</param>
/// <param name="Action">Created, updated or left as it was.</param>
/// <param name="Differences">The settings that differed, for an update.</param>
public sealed record TopologyChange(string Kind, string Name, TopologyAction Action, IReadOnlyList<string> Differences);
