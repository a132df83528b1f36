using System.Net;
using System.Net.Http.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The simulator's search by order id and its idempotency-key expiry, against its process.</summary>
public sealed class PaymentProviderSimulatorSearchTests
{
    [Fact]
    public async Task Search_by_order_id_lists_that_orders_charges_with_their_status()
    {
        using var timeout = TestTimeout.Start();
        await using var simulator = await PaymentProviderSimulator.StartAsync(timeout.Token);
        (await SimulatorRequests.PostChargeAsync(simulator, "key-1", SimulatorRequests.Charge("o-1"), timeout.Token)).Dispose();
        (await SimulatorRequests.PostChargeAsync(simulator, "key-2", SimulatorRequests.Charge("o-2", "decline-2"), timeout.Token)).Dispose();

        var first = Assert.Single(await simulator.SearchAsync("o-1", timeout.Token));
        var second = Assert.Single(await simulator.SearchAsync("o-2", timeout.Token));
        var none = await simulator.SearchAsync("o-3", timeout.Token);
        using var noOrder = await simulator.Http.GetAsync("/v1/charges/search", timeout.Token);

        Assert.Equal(("o-1", "succeeded"), (first.OrderId, first.Status));
        Assert.Equal(("o-2", "declined", "card_declined"), (second.OrderId, second.Status, second.Reason));
        Assert.Empty(none);
        Assert.Equal(HttpStatusCode.BadRequest, noOrder.StatusCode);
        Assert.Equal(4, (await simulator.StatsAsync(timeout.Token)).SearchRequests);
    }

    [Fact]
    public async Task After_the_key_ttl_the_same_idempotency_key_charges_again_and_search_finds_both()
    {
        using var timeout = TestTimeout.Start();
        await using var simulator = await PaymentProviderSimulator.StartAsync(timeout.Token,
            new Dictionary<string, string> { ["Simulator:IdempotencyKeyTtl"] = "00:00:01" });

        using var first = await SimulatorRequests.PostChargeAsync(simulator, "key-1", SimulatorRequests.Charge("o-1"), timeout.Token);
        Assert.Equal(1, (await simulator.StatsAsync(timeout.Token)).IdempotencyKeys);
        await simulator.UntilKeysExpiredAsync(timeout.Token);
        using var second = await SimulatorRequests.PostChargeAsync(simulator, "key-1", SimulatorRequests.Charge("o-1"), timeout.Token);

        var a = await first.Content.ReadFromJsonAsync<SimulatedCharge>(timeout.Token);
        var b = await second.Content.ReadFromJsonAsync<SimulatedCharge>(timeout.Token);
        Assert.NotEqual(a!.Id, b!.Id);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, (await simulator.SearchAsync("o-1", timeout.Token)).Count);
    }

    [Fact]
    public async Task A_key_ttl_that_is_not_positive_fails_the_start_naming_the_key()
    {
        using var timeout = TestTimeout.Start();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PaymentProviderSimulator.StartAsync(timeout.Token,
            new Dictionary<string, string> { ["Simulator:IdempotencyKeyTtl"] = "-00:00:01" }));

        Assert.Contains("Simulator:IdempotencyKeyTtl", error.Message, StringComparison.Ordinal);
    }
}
