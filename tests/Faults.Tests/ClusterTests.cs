using System.Diagnostics;
using System.Globalization;
using System.Net;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.Faults.Tests;

/// <summary>
/// The system on a three-node JetStream cluster (every stream and the bucket with three replicas): a stream leader
/// lost under load, and NatsBridge scaled out to several replicas on the same durable consumers.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    private const string OrdersStream = "ORDERS";

    [Fact]
    public async Task Stream_leader_killed_under_load_loses_no_order_answers_503_at_worst_and_publishing_resumes()
    {
        using var cts = TestTimeout.Start(seconds: 300);
        await using var system = await FaultSystem.StartAsync(new() { ClusterNodes = 3, Routes = { ["AckWait"] = "00:00:05" } }, cts.Token);
        var cluster = system.Cluster!;
        var load = new OrderLoad(() => system.OrderApi, rate: 20).Start();
        await load.UntilAcceptedAsync(100, TimeSpan.FromSeconds(60), cts.Token);

        var leader = await cluster.WaitForStreamLeaderAsync(OrdersStream, except: null, TimeSpan.FromSeconds(10), cts.Token);
        var sentAtKill = load.Sent;
        var killedAt = Stopwatch.GetTimestamp();
        await leader.KillAsync();
        var newLeader = await cluster.WaitForStreamLeaderAsync(OrdersStream, except: leader, TimeSpan.FromSeconds(30), cts.Token);
        var election = Stopwatch.GetElapsedTime(killedAt);
        // Until every client noticed: POSTs sent within the publish deadline (3 s) after the election count as during it.
        await Task.Delay(TimeSpan.FromSeconds(3), cts.Token);
        var sentAfterElection = load.Sent;

        // Publishing resumes on two nodes, then goes on with the third back and caught up.
        await load.UntilAcceptedAsync(load.Accepted.Count + 100, TimeSpan.FromSeconds(60), cts.Token);
        await leader.RestartAsync(cts.Token);
        await cluster.WaitUntilFormedAsync(TimeSpan.FromSeconds(60), cts.Token);
        await load.UntilAcceptedAsync(load.Accepted.Count + 40, TimeSpan.FromSeconds(60), cts.Token);
        await load.StopAsync();

        // Every POST got 202, or 503 with Retry-After: nothing hung, failed otherwise or was cut off.
        Assert.All(load.Outcomes, o => Assert.True(o.Status is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"{o.IdempotencyKey}: {o.Status} {o.Error}"));
        var unavailable = load.Outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.All(unavailable, o => Assert.NotNull(o.RetryAfter));
        var during = load.Outcomes.Where(o => Sequence(o) > sentAtKill && Sequence(o) <= sentAfterElection).ToList();
        var slowest = during.Max(o => o.Elapsed);
        // Bounded by the publish deadline (3 s here) with room for a loaded two-core machine: never left hanging.
        Assert.True(slowest < TimeSpan.FromSeconds(10), $"the slowest POST during the election took {slowest.TotalSeconds:0.0} s");
        Assert.NotEqual(leader.Name, newLeader.Name);
        Assert.Equal((3, 3), await cluster.StreamReplicasAsync(OrdersStream, cts.Token));

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(150), output, cts.Token);
        output.WriteLine($"election {election.TotalSeconds:0.00} s; {during.Count} POSTs during it, {during.Count(o => o.Status == HttpStatusCode.ServiceUnavailable)} answered 503; slowest {slowest.TotalSeconds:0.00} s");
        Scenario.Record("cluster-stream-leader-killed", report, load.Sent, new Dictionary<string, object>
        {
            ["replicas"] = system.Replicas,
            ["election_s"] = Math.Round(election.TotalSeconds, 2),
            ["posts_during_election"] = during.Count,
            ["answered_503_during_election"] = during.Count(o => o.Status == HttpStatusCode.ServiceUnavailable),
            ["answered_503_in_all"] = unavailable.Count,
            ["slowest_post_during_election_s"] = Math.Round(slowest.TotalSeconds, 2),
        });
    }

    [Fact]
    public async Task Two_and_three_bridge_replicas_on_one_durable_scale_throughput_and_charge_every_order_once()
    {
        using var cts = TestTimeout.Start(seconds: 420);
        // Each replica is bounded the way a production bridge is: one batch of two in flight on the payments route,
        // against a provider that takes 200 ms a charge. Its throughput is then set by its concurrency, not by this
        // machine's two cores, which is what adding replicas is for.
        await using var system = await FaultSystem.StartAsync(new()
        {
            ClusterNodes = 3,
            StartBridge = false,
            PaymentsRoute = { ["BatchSize"] = "2", ["MaxBatchesInFlight"] = "1" },
        }, cts.Token);
        await system.Simulator.SetFaultsAsync(latencyMs: 200, cancellationToken: cts.Token);

        // A backlog larger than three replicas can drain while they are measured.
        const int backlog = 700;
        var load = new OrderLoad(() => system.OrderApi, rate: 60).Start();
        await load.UntilAcceptedAsync(backlog, TimeSpan.FromSeconds(90), cts.Token);
        await load.StopAsync();

        var rates = new List<double>();
        await system.StartBridgeAsync(cts.Token);
        rates.Add(await PaymentsPerSecondAsync(system, cts.Token));
        await system.StartBridgeReplicaAsync(cts.Token);
        rates.Add(await PaymentsPerSecondAsync(system, cts.Token));
        await system.StartBridgeReplicaAsync(cts.Token);
        rates.Add(await PaymentsPerSecondAsync(system, cts.Token));

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(180), output, cts.Token);
        var fetched = new List<double>();
        foreach (var url in new[] { system.BridgeUrl }.Concat(system.BridgeReplicas.Select(r => r.Url)))
        {
            var metrics = await BridgeMetricsEndpoint.ReadAsync(url, cts.Token);
            fetched.Add(metrics.GetValueOrDefault("bridge_delivery_count_count{route=\"payments\"}"));
        }

        var requests = await system.Simulator.ChargeRequestsAsync(cts.Token);
        output.WriteLine($"payments/s with 1, 2, 3 replicas: {string.Join(", ", rates.Select(r => r.ToString("0.0", CultureInfo.InvariantCulture)))}; " +
                         $"fetched per replica: {string.Join(", ", fetched)}; provider requests {requests} for {load.Accepted.Count} orders");
        Assert.All(fetched, f => Assert.True(f > 0, "a replica took no part"));
        Assert.True(rates[1] >= 1.5 * rates[0], $"two replicas: {rates[1]:0.0}/s against {rates[0]:0.0}/s with one");
        Assert.True(rates[2] >= 2.0 * rates[0], $"three replicas: {rates[2]:0.0}/s against {rates[0]:0.0}/s with one");

        Scenario.Record("cluster-bridge-replicas", report, load.Sent, new Dictionary<string, object>
        {
            ["replicas"] = system.Replicas,
            ["payments_per_s_1_bridge"] = Math.Round(rates[0], 1),
            ["payments_per_s_2_bridges"] = Math.Round(rates[1], 1),
            ["payments_per_s_3_bridges"] = Math.Round(rates[2], 1),
            ["fetched_per_bridge"] = fetched,
            ["messages_fetched_more_than_once"] = fetched.Sum() - load.Accepted.Count,
            ["provider_requests"] = requests,
        });
    }

    private static int Sequence(PostOutcome outcome) =>
        int.Parse(outcome.IdempotencyKey[(outcome.IdempotencyKey.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Charge requests per second reaching the provider over an eight-second window, from now.</summary>
    private static async Task<double> PaymentsPerSecondAsync(SystemUnderTest system, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromSeconds(8);
        var before = await system.Simulator.ChargeRequestsAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(window, cancellationToken);
        var after = await system.Simulator.ChargeRequestsAsync(cancellationToken);
        return (after - before) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
