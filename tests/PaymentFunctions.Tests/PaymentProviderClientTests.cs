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
    [InlineData(HttpStatusCode.PaymentRequired, "declined", "card_declined", PaymentStatus.Declined, "card_declined")]
    [InlineData(HttpStatusCode.BadRequest, null, null, PaymentStatus.Failed, ChargeResult.ProviderRejected)]
    public async Task Final_answers_become_a_charge_result(HttpStatusCode status, string? chargeStatus, string? reason, PaymentStatus expected, string expectedReason)
    {
        using var timeout = TestTimeout.Start();
        var stub = new StubHandler(_ => new HttpResponseMessage(status) { Content = JsonContent.Create(new { id = "ch_1", status = chargeStatus, reason }) });
        await using var services = Build(stub);

        var result = await services.GetRequiredService<PaymentProviderClient>().ChargeAsync(Request, timeout.Token);

        Assert.Equal((expected, expectedReason), (result.Status, result.Reason));
        Assert.Equal("order-1", Assert.Single(stub.Requests).Headers.GetValues("Idempotency-Key").Single());
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Transient_statuses_are_retried_with_the_same_key_then_reported_unavailable(HttpStatusCode status)
    {
        using var timeout = TestTimeout.Start();
        var stub = new StubHandler(_ => new HttpResponseMessage(status));
        await using var services = Build(stub);

        var error = await Assert.ThrowsAsync<PaymentProviderException>(
            () => services.GetRequiredService<PaymentProviderClient>().ChargeAsync(Request, timeout.Token));

        Assert.Equal(ProviderFailure.Unavailable, error.Failure);
        Assert.Equal(3, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal("order-1", r.Headers.GetValues("Idempotency-Key").Single()));
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
