using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Xunit.Abstractions;

namespace FunctionsOrders.Faults.Tests;

/// <summary>Dead letters replayed by an operator after the provider forgot the idempotency keys of their charges.</summary>
public sealed class ReplayFaultTests(ITestOutputHelper output)
{
    private const int KeyTtlSeconds = 5;

    [Fact]
    public async Task Orders_charged_but_dead_lettered_and_replayed_after_the_provider_forgot_their_keys_are_charged_once()
    {
        using var cts = TestTimeout.Start(seconds: 240);
        var options = new SystemUnderTestOptions
        {
            Simulator = { ["Simulator__IdempotencyKeyTtl"] = TimeSpan.FromSeconds(KeyTtlSeconds).ToString() },
            Payments =
            {
                // Every attempt times out against the slow provider, which still charges; three deliveries, then the dead letter.
                ["Payments__Provider__AttemptTimeout"] = "00:00:00.500",
                ["Payments__Provider__TotalTimeout"] = "00:00:01",
                ["Payments__Provider__MaxRetries"] = "0",
                ["Payments__Provider__BreakerFailureThreshold"] = "1000",
                ["Payments__RetryDelay"] = "00:00:00.500",
                ["Payments__MaxConcurrency"] = "16",
            },
            PaymentsRoute = { ["MaxDeliver"] = "3" },
        };
        await using var system = await FaultSystem.StartAsync(options, cts.Token);
        await system.Simulator.SetFaultsAsync(latencyMs: 3_000, cancellationToken: cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 10).Start();
        await load.UntilAcceptedAsync(10, TimeSpan.FromSeconds(30), cts.Token);
        await load.StopAsync();
        var accepted = load.Accepted;

        await using var nats = new NatsConnection(new NatsOpts { Url = system.NatsUrl, Name = "replay-check" });
        var js = new NatsJSContext(nats);
        var topology = new JetStreamTopology(new TopologyOptions());
        await Poll.UntilAsync(
            async () => (await DeadLetters.ReadAsync(js, topology, cts.Token)).Count(d => d.Route == "payments") == accepted.Count,
            TimeSpan.FromSeconds(90), $"{accepted.Count} payments dead letters", TimeSpan.FromMilliseconds(250), cts.Token);
        var deadLetters = (await DeadLetters.ReadAsync(js, topology, cts.Token)).Where(d => d.Route == "payments").ToList();
        Assert.Equal(accepted.Count, (await system.Simulator.ChargesAsync(cts.Token)).Count);

        // Days later, as far as the provider knows: it answers at once and has forgotten every key.
        await system.Simulator.SetFaultsAsync(cancellationToken: cts.Token);
        await Poll.UntilAsync(async () => (await system.Simulator.StatsAsync(cts.Token)).IdempotencyKeys == 0,
            TimeSpan.FromSeconds(30), "the simulator to forget every idempotency key", TimeSpan.FromMilliseconds(250), cts.Token);
        var before = await system.Simulator.StatsAsync(cts.Token);
        var replay = await system.ReplayDeadLettersAsync("payments", cts.Token);
        Assert.Contains($"replayed {accepted.Count} dead letter(s)", replay, StringComparison.Ordinal);

        var report = await Scenario.ReconcileAsync(system, accepted, TimeSpan.FromSeconds(120), output, cts.Token);
        var after = await system.Simulator.StatsAsync(cts.Token);
        var charges = await system.Simulator.ChargesAsync(cts.Token);
        Assert.All(accepted, order => Assert.Single(charges, c => c.OrderId == order.OrderId));
        Assert.Equal(before.ChargeRequests, after.ChargeRequests);
        Scenario.Record("replay-after-key-expiry", report, load.Sent, new Dictionary<string, object>
        {
            ["key_ttl_s"] = KeyTtlSeconds,
            ["dead_lettered_before_replay"] = deadLetters.Count,
            ["dead_letter_reasons"] = deadLetters.Select(d => d.Reason).Distinct().Order().ToList(),
            ["provider_charges"] = charges.Count,
            ["provider_charge_requests"] = after.ChargeRequests,
            ["provider_searches"] = after.SearchRequests,
            ["charge_requests_after_replay"] = after.ChargeRequests - before.ChargeRequests,
            ["searches_after_replay"] = after.SearchRequests - before.SearchRequests,
        });
    }
}
