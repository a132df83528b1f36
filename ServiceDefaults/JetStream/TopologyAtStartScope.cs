namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>The streams and buckets (logical names) a host verifies at start: the ones it uses.</summary>
internal sealed class TopologyAtStartScope
{
    public HashSet<string> Items { get; } = new(StringComparer.Ordinal);
}
