using System.Net;
using System.Net.Http.Json;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.PaymentFunctions.Extensions;
using FunctionsOrders.PaymentFunctions.Provider;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>How the client reads the provider's search for an order's charges, with a stub in place of the network.</summary>
public sealed class PaymentProviderSearchTests
{
    [Fact]
    public async Task No_charge_found_is_null_and_the_search_path_is_the_configured_one_with_the_order_id()
    {
        using var timeout = TestTimeout.Start();
        var stub = Answer(HttpStatusCode.OK, new { data = Array.Empty<object>() });
        await using var services = Build(stub, new() { ["Payments:Provider:SearchPath"] = "v2/search?query=metadata['order_id']:'{orderId}'" });

        var found = await services.GetRequiredService<PaymentProviderClient>().FindChargeAsync("order 1", timeout.Token);

        Assert.Null(found);
        var request = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("http://127.0.0.1:7080/v2/search?query=metadata['order_id']:'order%201'", request.RequestUri!.OriginalString);
        Assert.False(request.Headers.Contains(PaymentProviderClient.IdempotencyKeyHeader));
    }

    [Fact]
    public async Task A_succeeded_charge_wins_over_declined_ones()
    {
        using var timeout = TestTimeout.Start();
        var stub = Answer(HttpStatusCode.OK, new
        {
            data = new object[] { new { id = "ch_1", status = "declined", reason = "card_declined" }, new { id = "ch_2", status = "succeeded" } },
        });
        await using var services = Build(stub);

        var found = await services.GetRequiredService<PaymentProviderClient>().FindChargeAsync("order-1", timeout.Token);

        Assert.Equal(new ChargeResult(PaymentStatus.Succeeded, "ch_2", string.Empty), found);
    }

    [Fact]
    public async Task A_declined_charge_is_found_with_its_reason()
    {
        using var timeout = TestTimeout.Start();
        var stub = Answer(HttpStatusCode.OK, new { data = new[] { new { id = "ch_1", status = "declined", reason = "card_declined" } } });
        await using var services = Build(stub);

        var found = await services.GetRequiredService<PaymentProviderClient>().FindChargeAsync("order-1", timeout.Token);

        Assert.Equal(new ChargeResult(PaymentStatus.Declined, "ch_1", "card_declined"), found);
    }

    [Theory]
    [InlineData(200, "pending", nameof(ProviderFailure.Pending), 1)]
    [InlineData(200, "refunded", nameof(ProviderFailure.UnknownAnswer), 3)]
    [InlineData(200, null, nameof(ProviderFailure.UnknownAnswer), 3)]
    [InlineData(401, "succeeded", nameof(ProviderFailure.AuthRejected), 3)]
    [InlineData(404, "succeeded", nameof(ProviderFailure.NotFound), 3)]
    [InlineData(402, "succeeded", nameof(ProviderFailure.UnknownAnswer), 3)]
    public async Task A_search_without_a_final_answer_throws_its_kind(int status, string? chargeStatus, string expected, int attempts)
    {
        using var timeout = TestTimeout.Start();
        var stub = Answer((HttpStatusCode)status, new { data = new[] { new { id = "ch_1", status = chargeStatus } } });
        await using var services = Build(stub);

        var error = await Assert.ThrowsAsync<PaymentProviderException>(
            () => services.GetRequiredService<PaymentProviderClient>().FindChargeAsync("order-1", timeout.Token));

        Assert.Equal((Enum.Parse<ProviderFailure>(expected), attempts), (error.Failure, stub.Requests.Count));
    }

    private static StubHandler Answer(HttpStatusCode status, object body) =>
        new(_ => new HttpResponseMessage(status) { Content = JsonContent.Create(body) });

    private static ServiceProvider Build(StubHandler stub, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:Provider:MaxRetries"] = "2",
            ["Payments:Provider:RetryBaseDelay"] = "00:00:00.010",
            ["Payments:Provider:RetryMaxDelay"] = "00:00:00.020",
        }).AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPaymentProvider();
        services.AddHttpClient<PaymentProviderClient>().ConfigurePrimaryHttpMessageHandler(() => stub);
        return services.BuildServiceProvider();
    }
}
