using System.Net;
using System.Net.Http.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The simulator's own contract, against its process.</summary>
public sealed class PaymentProviderSimulatorTests
{
    private static readonly object Charge = SimulatorRequests.Charge("o-1");

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_charge_and_never_charges_again()
    {
        using var timeout = TestTimeout.Start();
        await using var simulator = await PaymentProviderSimulator.StartAsync(timeout.Token);

        using var first = await SimulatorRequests.PostChargeAsync(simulator, "key-1", Charge, timeout.Token);
        using var second = await SimulatorRequests.PostChargeAsync(simulator, "key-1", new { orderId = "o-1", customerId = "c-1", amount = 99m, currency = "EUR" }, timeout.Token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var a = await first.Content.ReadFromJsonAsync<SimulatedCharge>(timeout.Token);
        var b = await second.Content.ReadFromJsonAsync<SimulatedCharge>(timeout.Token);
        Assert.Equal(a, b);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(12.5m, Assert.Single(await simulator.ChargesAsync(timeout.Token)).Amount);
    }

    [Fact]
    public async Task Decline_customers_get_402_card_declined_and_bad_requests_get_400()
    {
        using var timeout = TestTimeout.Start();
        await using var simulator = await PaymentProviderSimulator.StartAsync(timeout.Token);

        using var declined = await SimulatorRequests.PostChargeAsync(simulator, "key-2", new { orderId = "o-2", customerId = "decline-1", amount = 1m, currency = "EUR" }, timeout.Token);
        using var noKey = await SimulatorRequests.PostChargeAsync(simulator, null, Charge, timeout.Token);
        using var badFaults = await simulator.Http.PostAsJsonAsync("/admin/faults", new { failureRate = 1.5 }, timeout.Token);

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        var charge = await declined.Content.ReadFromJsonAsync<SimulatedCharge>(timeout.Token);
        Assert.Equal(("declined", "card_declined"), (charge!.Status, charge.Reason));
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFaults.StatusCode);
        Assert.Single(await simulator.ChargesAsync(timeout.Token));
    }
}
