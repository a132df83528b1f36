using System.Text.Json;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.AppHost.Tests;

/// <summary>
/// The system as <c>./run.sh --cluster</c> starts it: three nats-servers that form one JetStream cluster, streams and
/// the bucket with three replicas, an order that still reaches <c>Paid</c>, and SIGTERM freeing every port.
/// </summary>
public sealed class ClusterModeTests
{
    private const int Nodes = 3;
    private static readonly TimeSpan ClusterDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Cluster_mode_runs_three_nodes_with_one_meta_leader_R3_streams_pays_an_order_and_frees_every_port_on_SIGTERM()
    {
        using var cts = TestTimeout.Start(seconds: 360);
        var system = new LocalSystemFixture(natsServers: Nodes);
        try
        {
            await system.InitializeAsync();
            var monitors = LocalSystem.NatsMonitors(Nodes);

            await Poll.UntilAsync(async () =>
            {
                var leaders = new HashSet<string?>();
                foreach (var monitor in monitors)
                {
                    using var jsz = await JszAsync(system.Http, monitor, "", cts.Token);
                    if (!jsz.RootElement.TryGetProperty("meta_cluster", out var meta)
                        || !meta.TryGetProperty("cluster_size", out var size) || size.GetInt32() != Nodes)
                    {
                        return false;
                    }

                    leaders.Add(meta.TryGetProperty("leader", out var leader) ? leader.GetString() : null);
                }

                return leaders.Count == 1 && leaders.Single() is { Length: > 0 };
            }, ClusterDeadline, "every node to report the same meta leader of a cluster of 3", TimeSpan.FromMilliseconds(250), cts.Token);

            var orderId = await system.PlaceOrderAsync("cust-" + Guid.NewGuid().ToString("N")[..12], cancellationToken: cts.Token);
            var final = await system.WaitForFinalAsync([orderId], TimeSpan.FromSeconds(60), cts.Token);
            Assert.Equal("Paid", final[orderId].GetProperty("status").GetString());

            var streams = await StreamReplicasAsync(system.Http, monitors[0], cts.Token);
            Assert.Contains("ORDERS", streams.Keys);
            Assert.Contains(streams.Keys, name => name.StartsWith("KV_", StringComparison.Ordinal));
            Assert.All(streams, stream => Assert.True(stream.Value == Nodes, $"stream {stream.Key} has {stream.Value} replicas"));

            string? problem = "not looked at yet";
            try
            {
                await Poll.UntilAsync(async () =>
                {
                    problem = await OrdersReplicationProblemAsync(system.Http, monitors, cts.Token);
                    return problem is null;
                }, ClusterDeadline, "ORDERS on its leader and two current replicas", TimeSpan.FromMilliseconds(250), cts.Token);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"ORDERS is not replicated to every node: {problem}");
            }
        }
        finally
        {
            // SIGTERM; fails unless the AppHost exits and every port (all three nodes' included) is free within 30 s.
            await system.DisposeAsync();
        }
    }

    /// <summary>Every stream's configured replicas, as one node reports them.</summary>
    private static async Task<Dictionary<string, int>> StreamReplicasAsync(HttpClient http, Uri monitor, CancellationToken cancellationToken)
    {
        using var jsz = await JszAsync(http, monitor, "?accounts=true&streams=true&config=true", cancellationToken);
        return StreamDetails(jsz).ToDictionary(
            stream => stream.GetProperty("name").GetString()!,
            stream => stream.GetProperty("config").GetProperty("num_replicas").GetInt32());
    }

    /// <summary>
    /// Null when the node that leads ORDERS reports the two other nodes as its current replicas; otherwise what it
    /// reports. Only the leader's view lists its peers, so it is asked after any node named it.
    /// </summary>
    private static async Task<string?> OrdersReplicationProblemAsync(HttpClient http, Uri[] monitors, CancellationToken cancellationToken)
    {
        using var any = await JszAsync(http, monitors[0], "?accounts=true&streams=true", cancellationToken);
        var leader = OrdersCluster(any) is { } seen && seen.TryGetProperty("leader", out var name) ? name.GetString() : null;
        var index = Array.IndexOf(Enumerable.Range(1, Nodes).Select(n => $"nats-{n}").ToArray(), leader);
        if (index < 0)
        {
            return $"leader '{leader}'";
        }

        using var onLeader = await JszAsync(http, monitors[index], "?accounts=true&streams=true", cancellationToken);
        if (OrdersCluster(onLeader) is not { } cluster || !cluster.TryGetProperty("replicas", out var replicas))
        {
            return $"{leader} lists no replicas";
        }

        var current = replicas.EnumerateArray()
            .Where(r => r.TryGetProperty("current", out var c) && c.GetBoolean())
            .Select(r => r.GetProperty("name").GetString())
            .Where(name => name != leader)
            .Distinct()
            .Count();
        return current == Nodes - 1 ? null : $"{leader} leads with {cluster}";
    }

    private static JsonElement? OrdersCluster(JsonDocument jsz) =>
        StreamDetails(jsz).FirstOrDefault(s => s.GetProperty("name").GetString() == "ORDERS") is { ValueKind: JsonValueKind.Object } orders
            && orders.TryGetProperty("cluster", out var cluster)
            ? cluster
            : null;

    private static IEnumerable<JsonElement> StreamDetails(JsonDocument jsz) =>
        jsz.RootElement.TryGetProperty("account_details", out var accounts)
            ? accounts.EnumerateArray().SelectMany(a => a.TryGetProperty("stream_detail", out var s) ? s.EnumerateArray() : Enumerable.Empty<JsonElement>())
            : [];

    private static async Task<JsonDocument> JszAsync(HttpClient http, Uri monitor, string query, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri(monitor, "jsz" + query), cancellationToken));
}
