using System.Text.Json;
using FunctionsOrders.AppHost.Resources;

namespace FunctionsOrders.AppHost.Tests;

/// <summary>
/// How the AppHost tells a cluster whose meta group left a node out (and which node) from one that formed or is
/// still forming, from the nodes' <c>/jsz</c> answers (shapes as nats-server 2.10 writes them).
/// </summary>
public sealed class NatsMetaGroupTests
{
    private static readonly string[] Nodes = ["nats-1", "nats-2", "nats-3"];

    private static string Jsz(string leader, int size, params string[] replicas)
    {
        var meta = new Dictionary<string, object> { ["name"] = "functions-orders", ["leader"] = leader, ["peer"] = "xTrCjxll", ["cluster_size"] = size, ["pending"] = 0 };
        if (replicas.Length > 0)
        {
            meta["replicas"] = replicas.Select(name => new { name, current = true, active = 767329636, peer = "GIvRG5Xf" }).ToArray();
        }

        return JsonSerializer.Serialize(new Dictionary<string, object> { ["server_id"] = "N1", ["memory"] = 0, ["meta_cluster"] = meta });
    }

    private static NatsMetaGroup.NodeView View(string node, string jsz) => NatsMetaGroup.Parse(node, jsz)!;

    [Fact]
    public void A_group_formed_one_node_short_names_the_node_its_leader_does_not_list()
    {
        var views = new[]
        {
            View("nats-1", Jsz("nats-3", 2)),
            View("nats-2", Jsz("nats-3", 2)),
            View("nats-3", Jsz("nats-3", 2, "nats-1")),
        };

        Assert.Equal("nats-2", NatsMetaGroup.LeftOut(Nodes, views));
    }

    [Fact]
    public void A_formed_group_leaves_nobody_out()
    {
        var views = new[]
        {
            View("nats-1", Jsz("nats-3", 3)),
            View("nats-2", Jsz("nats-3", 3)),
            View("nats-3", Jsz("nats-3", 3, "nats-1", "nats-2")),
        };

        Assert.Null(NatsMetaGroup.LeftOut(Nodes, views));
    }

    [Fact]
    public void A_group_still_forming_is_left_alone()
    {
        // No leader yet, a node not answering, or nodes that disagree on the leader: nothing to restart.
        Assert.Null(NatsMetaGroup.Parse("nats-1", """{"server_id":"N1","memory":0}"""));
        Assert.Null(NatsMetaGroup.LeftOut(Nodes, [View("nats-1", Jsz("", 3)), View("nats-2", Jsz("", 3)), View("nats-3", Jsz("", 3))]));
        Assert.Null(NatsMetaGroup.LeftOut(Nodes, [View("nats-1", Jsz("nats-1", 2, "nats-2")), View("nats-2", Jsz("nats-1", 2))]));
        Assert.Null(NatsMetaGroup.LeftOut(Nodes, [View("nats-1", Jsz("nats-1", 2, "nats-2")), View("nats-2", Jsz("nats-1", 2)), View("nats-3", Jsz("nats-2", 2))]));
    }

    [Fact]
    public void A_leader_that_lists_every_node_leaves_nobody_out_even_while_a_follower_still_counts_two()
    {
        var views = new[]
        {
            View("nats-1", Jsz("nats-1", 3, "nats-2", "nats-3")),
            View("nats-2", Jsz("nats-1", 3)),
            View("nats-3", Jsz("nats-1", 2)),
        };

        Assert.Null(NatsMetaGroup.LeftOut(Nodes, views));
    }
}
