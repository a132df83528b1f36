using System.Net;
using System.Net.Http.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The simulator's fault modes for answers that are not a charge's outcome, against its process.</summary>
public sealed class PaymentProviderSimulatorFaultTests
{
    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task An_injected_error_status_answers_charges_and_searches_with_it_and_charges_nothing(int status)
    {
        using var timeout = TestTimeout.Start();
        await using var simulator = await PaymentProviderSimulator.StartAsync(timeout.Token);
        await simulator.SetFaultsAsync(errorStatus: status, cancellationToken: timeout.Token);

        using var charge = await SimulatorRequests.PostChargeAsync(simulator, "key-1", SimulatorRequests.Charge("o-1"), timeout.Token);
        using var search = await simulator.Http.GetAsync("/v1/charges/search?order_id=o-1", timeout.Token);

        Assert.Equal((status, status), ((int)charge.StatusCode, (int)search.StatusCode));
        Assert.Equal("application/problem+json", charge.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await simulator.ChargesAsync(timeout.Token));
        await simulator.SetFaultsAsync(cancellationToken: timeout.Token);
        using var healthy = await SimulatorRequests.PostChargeAsync(simulator, "key-1", SimulatorRequests.Charge("o-1"), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        var stats = await simulator.StatsAsync(timeout.Token);
        Assert.Equal((2, 1, 1), (stats.ChargeRequests, stats.Charges, stats.SearchRequests));
    }

    [Fact]
    public async Task A_non_final_charge_status_is_answered_until_the_fault_is_cleared_then_the_charge_is_final()
    {
        using var timeout = TestTimeout.Start();
        await using var simulator = await PaymentProviderSimulator.StartAsync(timeout.Token);
        await simulator.SetFaultsAsync(chargeStatus: "pending", cancellationToken: timeout.Token);

        using var pending = await SimulatorRequests.PostChargeAsync(simulator, "key-1", SimulatorRequests.Charge("o-1"), timeout.Token);
        var first = await pending.Content.ReadFromJsonAsync<SimulatedCharge>(timeout.Token);
        var searched = Assert.Single(await simulator.SearchAsync("o-1", timeout.Token));

        Assert.Equal((HttpStatusCode.OK, "pending", "pending"), (pending.StatusCode, first!.Status, searched.Status));
        await simulator.SetFaultsAsync(cancellationToken: timeout.Token);
        using var settled = await SimulatorRequests.PostChargeAsync(simulator, "key-1", SimulatorRequests.Charge("o-1"), timeout.Token);
        var final = await settled.Content.ReadFromJsonAsync<SimulatedCharge>(timeout.Token);
        Assert.Equal((HttpStatusCode.OK, "succeeded", first.Id), (settled.StatusCode, final!.Status, final.Id));
        Assert.Single(await simulator.ChargesAsync(timeout.Token));
    }

    [Theory]
    [InlineData(200, null)]
    [InlineData(402, null)]
    [InlineData(null, "succeeded")]
    [InlineData(null, "declined")]
    [InlineData(null, " ")]
    public async Task Faults_that_would_fake_an_outcome_are_refused_with_400(int? errorStatus, string? chargeStatus)
    {
        using var timeout = TestTimeout.Start();
        await using var simulator = await PaymentProviderSimulator.StartAsync(timeout.Token);

        using var response = await simulator.Http.PostAsJsonAsync("/admin/faults", new { errorStatus, chargeStatus }, timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
