using System.Text.Json;

namespace FunctionsOrders.AppHost.Resources;

/// <summary>
/// Reads a cluster's JetStream meta group from its nodes' <c>/jsz</c> and names a node it left out. Now and then
/// nats-server 2.10, when three nodes bootstrap together, forms the meta group with two of them: every node follows
/// the same leader, yet every node reports <c>cluster_size</c> 2 and the leader lists one peer, and it stays so
/// (R3 streams cannot be placed). Restarting the node left out makes the leader add it.
/// </summary>
internal static class NatsMetaGroup
{
    /// <summary>What one node's <c>/jsz</c> says of the meta group; <see cref="Replicas"/> only the leader lists.</summary>
    public sealed record NodeView(string Name, string? Leader, int ClusterSize, IReadOnlyList<string> Replicas);

    /// <summary>Reads a <c>/jsz</c> answer of node <paramref name="name"/>; null when it has no meta group yet.</summary>
    public static NodeView? Parse(string name, string jsz)
    {
        using var document = JsonDocument.Parse(jsz);
        if (!document.RootElement.TryGetProperty("meta_cluster", out var meta) || meta.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var leader = meta.TryGetProperty("leader", out var l) && l.GetString() is { Length: > 0 } value ? value : null;
        var size = meta.TryGetProperty("cluster_size", out var s) && s.TryGetInt32(out var n) ? n : 0;
        var replicas = meta.TryGetProperty("replicas", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(replica => replica.TryGetProperty("name", out var rn) ? rn.GetString() ?? string.Empty : string.Empty).ToList()
            : [];
        return new NodeView(name, leader, size, replicas);
    }

    /// <summary>
    /// The one node of <paramref name="nodes"/> the meta group left out, when every node answered, all follow the
    /// same leader, the group counts fewer peers than there are nodes and the leader's peers miss exactly that node;
    /// otherwise null (formed, still forming, or a state this cannot tell apart).
    /// </summary>
    public static string? LeftOut(IReadOnlyCollection<string> nodes, IReadOnlyList<NodeView> views)
    {
        if (views.Count != nodes.Count || views[0].Leader is not { } leader || views.Any(v => v.Leader != leader))
        {
            return null;
        }

        if (views.All(v => v.ClusterSize >= nodes.Count) || views.FirstOrDefault(v => v.Name == leader) is not { } onLeader)
        {
            return null;
        }

        var members = onLeader.Replicas.Append(leader).ToHashSet(StringComparer.Ordinal);
        var missing = nodes.Where(node => !members.Contains(node)).ToList();
        return missing.Count == 1 ? missing[0] : null;
    }
}
