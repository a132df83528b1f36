using System.Net;
using System.Net.Http.Json;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.PaymentFunctions.Extensions;
using FunctionsOrders.PaymentFunctions.Provider;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>How the client maps the provider's answers, with a stub in place of the network.</summary>
public sealed class PaymentProviderClientTests
{
    private static readonly ChargeRequest Request = new("order-1", "cust-1", 10m, "EUR");

    [Theory]
    [InlineData(HttpStatusCode.OK, "succeeded", null, PaymentStatus.Succeeded, "")]
    [InlineData(HttpStatusCode.Created, "succeeded", null, PaymentStatus.Succeeded, "")]
    [InlineData(HttpStatusCode.PaymentRequired, "declined", "card_declined", PaymentStatus.Declined, "card_declined")]
    [InlineData(HttpStatusCode.PaymentRequired, null, null, PaymentStatus.Declined, "declined")]
    [InlineData(HttpStatusCode.OK, "declined", "insufficient_funds", PaymentStatus.Declined, "insufficient_funds")]
    [InlineData(HttpStatusCode.OK, "failed", "expired_card", PaymentStatus.Declined, "expired_card")]
    public async Task Final_answers_become_a_charge_result(HttpStatusCode status, string? chargeStatus, string? reason, PaymentStatus expected, string expectedReason)
    {
        using var timeout = TestTimeout.Start();
        var stub = new StubHandler(_ => new HttpResponseMessage(status) { Content = JsonContent.Create(new { id = "ch_1", status = chargeStatus, reason }) });
        await using var services = Build(stub);

        var result = await services.GetRequiredService<PaymentProviderClient>().ChargeAsync(Request, timeout.Token);

        Assert.Equal((expected, expectedReason, "ch_1"), (result.Status, result.Reason, result.ChargeId));
        Assert.Equal("order-1", Assert.Single(stub.Requests).Headers.GetValues("Idempotency-Key").Single());
    }

    [Theory]
    [InlineData(401, null, nameof(ProviderFailure.AuthRejected), 3)]
    [InlineData(403, null, nameof(ProviderFailure.AuthRejected), 3)]
    [InlineData(404, null, nameof(ProviderFailure.NotFound), 3)]
    [InlineData(429, null, nameof(ProviderFailure.RateLimited), 3)]
    [InlineData(503, null, nameof(ProviderFailure.Unavailable), 3)]
    [InlineData(409, null, nameof(ProviderFailure.Unavailable), 3)]
    [InlineData(418, null, nameof(ProviderFailure.UnknownAnswer), 3)]
    [InlineData(302, null, nameof(ProviderFailure.UnknownAnswer), 3)]
    [InlineData(200, null, nameof(ProviderFailure.UnknownAnswer), 3)]
    [InlineData(200, "refunded", nameof(ProviderFailure.UnknownAnswer), 3)]
    [InlineData(400, null, nameof(ProviderFailure.RequestRejected), 1)]
    [InlineData(422, null, nameof(ProviderFailure.RequestRejected), 1)]
    [InlineData(200, "pending", nameof(ProviderFailure.Pending), 1)]
    [InlineData(200, "requires_action", nameof(ProviderFailure.Pending), 1)]
    [InlineData(202, "processing", nameof(ProviderFailure.Pending), 1)]
    public async Task Answers_that_are_not_an_outcome_throw_their_kind_and_only_transient_ones_are_retried_with_the_same_key(
        int status, string? chargeStatus, string expected, int attempts)
    {
        using var timeout = TestTimeout.Start();
        var stub = new StubHandler(_ => new HttpResponseMessage((HttpStatusCode)status) { Content = JsonContent.Create(new { id = "ch_1", status = chargeStatus }) });
        await using var services = Build(stub);

        var error = await Assert.ThrowsAsync<PaymentProviderException>(
            () => services.GetRequiredService<PaymentProviderClient>().ChargeAsync(Request, timeout.Token));

        Assert.Equal(Enum.Parse<ProviderFailure>(expected), error.Failure);
        Assert.Equal(attempts, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal("order-1", r.Headers.GetValues("Idempotency-Key").Single()));
    }

    [Theory]
    [InlineData("<html>bad gateway</html>")]
    [InlineData("{\"status\":\"succeeded\"}")]
    public async Task A_success_without_a_readable_body_or_a_charge_id_is_an_unknown_answer(string body)
    {
        using var timeout = TestTimeout.Start();
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
        await using var services = Build(stub);

        var error = await Assert.ThrowsAsync<PaymentProviderException>(
            () => services.GetRequiredService<PaymentProviderClient>().ChargeAsync(Request, timeout.Token));

        Assert.Equal(ProviderFailure.UnknownAnswer, error.Failure);
    }

    private static ServiceProvider Build(StubHandler stub)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:Provider:MaxRetries"] = "2",
            ["Payments:Provider:RetryBaseDelay"] = "00:00:00.010",
            ["Payments:Provider:RetryMaxDelay"] = "00:00:00.020",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPaymentProvider();
        services.AddHttpClient<PaymentProviderClient>().ConfigurePrimaryHttpMessageHandler(() => stub);
        return services.BuildServiceProvider();
    }
}
