using FunctionsOrders.SystemHarness;
using System.Net;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>
/// Real refusals of both operations, each held against the document by <see cref="ContractClient"/>: no or a bad
/// token, a customer over the rate limit, NATS not answering.
/// </summary>
[Collection(OpenApiCollection.Name)]
public sealed class RefusalContractTests(OpenApiSystem system)
{
    private readonly ContractClient _api = new(system);

    [Fact]
    public async Task Without_a_valid_token_both_operations_answer_401_with_a_bearer_challenge()
    {
        using var timeout = TestTimeout.Start();
        var customer = OpenApiSystem.NewCustomer();
        var expired = system.Issuer.CreateToken(OpenApiSystem.CustomerAudience, customer, TimeSpan.FromMinutes(-10));
        var orderId = Guid.NewGuid().ToString("D");

        using var postAnonymous = await _api.PostJsonAsync(null, ContractClient.OrderJson(), null, timeout.Token);
        using var postExpired = await _api.PostJsonAsync(expired, ContractClient.OrderJson(), null, timeout.Token);
        using var getAnonymous = await _api.GetAsync(null, orderId, timeout.Token);
        using var getExpired = await _api.GetAsync(expired, orderId, timeout.Token);

        Assert.All([postAnonymous, postExpired, getAnonymous, getExpired], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Null(getAnonymous.Headers.WwwAuthenticate.Single().Parameter);
        Assert.Equal("error=\"invalid_token\"", getExpired.Headers.WwwAuthenticate.Single().Parameter);
    }

    [Fact]
    public async Task A_customer_over_the_rate_limit_gets_429_with_retry_after()
    {
        using var timeout = TestTimeout.Start();
        var token = system.CustomerToken(OpenApiSystem.NewCustomer());
        var statuses = new List<HttpStatusCode>();

        // The bucket holds RateBurst orders and gains one a second: a few more than that in a row must meet an empty one.
        while (!statuses.Contains(HttpStatusCode.TooManyRequests) && statuses.Count < 4 * OpenApiSystem.RateBurst)
        {
            using var response = await _api.PostJsonAsync(token, ContractClient.OrderJson(), null, timeout.Token);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests, s.ToString()));
    }

    [Fact]
    public async Task With_nats_frozen_both_operations_answer_503_with_retry_after_and_a_reason()
    {
        using var timeout = TestTimeout.Start(120);
        var customer = OpenApiSystem.NewCustomer();
        var token = system.CustomerToken(customer);
        var orderId = await _api.PlaceAsync(customer, timeout.Token);

        system.Nats.Pause();
        try
        {
            using var get = await _api.GetAsync(token, orderId, timeout.Token);
            using var post = await _api.PostJsonAsync(token, ContractClient.OrderJson(), "key-frozen", timeout.Token);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
            Assert.Equal("ReadUnavailable", (await ContractClient.BodyAsync(get, timeout.Token)).GetProperty("reason").GetString());
            Assert.True((await ContractClient.BodyAsync(post, timeout.Token)).TryGetProperty("reason", out _));
        }
        finally
        {
            system.Nats.Resume();
        }

        // The other contract tests of the collection need NATS back.
        await Poll.UntilAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/orders/{orderId}");
            using var response = await system.SendAsync(request, token, timeout.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), "orders to be read again after SIGCONT", TimeSpan.FromMilliseconds(250), timeout.Token);
    }
}
