using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf;

namespace FunctionsOrders.Security.Tests;

/// <summary>
/// Caller authentication as deployed: customers by bearer token, the internal routes only for the bridge's managed
/// identity, another customer's order not found, and a per-customer limit that keeps a flood from one customer
/// away from everyone else's orders.
/// </summary>
public sealed class CallerAuthTests(SecuredSystem system) : IClassFixture<SecuredSystem>
{
    [Fact]
    public async Task An_authenticated_customers_order_is_paid_through_the_bridge_on_managed_identity_tokens()
    {
        var customer = SecuredSystem.NewCustomer();
        var token = system.CustomerToken(customer);

        using var posted = await system.PostOrderAsync(token, "key-1");
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var orderId = await OrderIdAsync(posted);

        // Both internal routes (payments, then payment-status) took the bridge's batches: the order is Paid.
        var status = "";
        await Poll.UntilAsync(async () =>
        {
            using var read = await system.GetOrderAsync(token, orderId);
            status = read.StatusCode == HttpStatusCode.OK ? (await JsonAsync(read)).GetProperty("status").GetString()! : read.StatusCode.ToString();
            return status == "Paid";
        }, TimeSpan.FromSeconds(60), $"order {orderId} to be Paid (last: {status})");
        Assert.True(system.Issuer.ManagedIdentityTokensIssued >= 1);
    }

    [Fact]
    public async Task Another_customer_gets_404_for_an_order_and_an_anonymous_caller_401()
    {
        var owner = system.CustomerToken(SecuredSystem.NewCustomer());
        using var posted = await system.PostOrderAsync(owner, "key-1");
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var orderId = await OrderIdAsync(posted);

        using var mine = await system.GetOrderAsync(owner, orderId);
        using var theirs = await system.GetOrderAsync(system.CustomerToken(SecuredSystem.NewCustomer()), orderId);
        using var anonymous = await system.GetOrderAsync(null, orderId);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task The_same_idempotency_key_of_two_customers_gives_two_orders()
    {
        // Ids are keyed by the authenticated customer: nobody can claim another customer's key in advance.
        using var first = await system.PostOrderAsync(system.CustomerToken(SecuredSystem.NewCustomer()), "shared-key");
        using var second = await system.PostOrderAsync(system.CustomerToken(SecuredSystem.NewCustomer()), "shared-key");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.NotEqual(await OrderIdAsync(first), await OrderIdAsync(second));
    }

    public static TheoryData<string> BadTokens => new() { "none", "expired", "wrong-audience", "wrong-issuer", "forged", "garbage" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task An_order_without_a_valid_token_is_refused_with_401(string kind)
    {
        var customer = SecuredSystem.NewCustomer();
        var token = kind switch
        {
            "none" => null,
            "expired" => system.Issuer.CreateToken(SecuredSystem.CustomerAudience, customer, TimeSpan.FromMinutes(-10)),
            "wrong-audience" => system.Issuer.CreateToken("another-api", customer),
            "wrong-issuer" => system.Issuer.CreateToken(SecuredSystem.CustomerAudience, customer, issuer: "https://elsewhere.example"),
            "forged" => system.Issuer.CreateToken(SecuredSystem.CustomerAudience, customer, signingKey: TestTokenIssuer.ForeignKey()),
            _ => "not-a-token",
        };

        using var response = await system.PostOrderAsync(token, "key-1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal(kind == "none" ? null : "error=\"invalid_token\"", challenge.Parameter);
    }

    [Fact]
    public async Task A_customerId_in_the_body_other_than_the_tokens_subject_is_refused()
    {
        var customer = SecuredSystem.NewCustomer();
        var token = system.CustomerToken(customer);

        using var other = await system.PostOrderAsync(token, "key-1", bodyCustomer: "someone-else");
        using var same = await system.PostOrderAsync(token, "key-2", bodyCustomer: customer);

        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.True((await JsonAsync(other)).GetProperty("errors").TryGetProperty("customerId", out _));
        Assert.Equal(HttpStatusCode.Accepted, same.StatusCode);
    }

    [Fact]
    public async Task The_internal_route_takes_only_the_allowed_identity_even_with_the_function_key()
    {
        var internalToken = system.Issuer.CreateToken(SecuredSystem.InternalAudience, system.Issuer.ManagedIdentityObjectId, objectId: system.Issuer.ManagedIdentityObjectId);
        var someoneElse = system.Issuer.CreateToken(SecuredSystem.InternalAudience, "intruder", objectId: Guid.NewGuid().ToString());
        var customerToken = system.CustomerToken(SecuredSystem.NewCustomer());

        Assert.Equal(HttpStatusCode.Unauthorized, await PostBatchAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostBatchAsync(customerToken));
        Assert.Equal(HttpStatusCode.Forbidden, await PostBatchAsync(someoneElse));
        Assert.Equal(HttpStatusCode.OK, await PostBatchAsync(internalToken));
    }

    [Fact]
    public async Task A_flood_from_one_customer_does_not_fail_another_customers_orders()
    {
        var flooder = system.CustomerToken(SecuredSystem.NewCustomer());
        var other = system.CustomerToken(SecuredSystem.NewCustomer());

        var flood = Enumerable.Range(0, 30).Select(i => system.PostOrderAsync(flooder, $"flood-{i}")).ToList();
        var others = Enumerable.Range(0, SecuredSystem.RateBurst).Select(i => system.PostOrderAsync(other, $"other-{i}")).ToList();
        var flooded = await Task.WhenAll(flood);
        var served = await Task.WhenAll(others);

        var limited = flooded.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(limited.Count >= 30 - (SecuredSystem.RateBurst + 2 * SecuredSystem.RatePerSecond), $"{limited.Count} of 30 were limited");
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.All(served, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        foreach (var response in flooded.Concat(served))
        {
            response.Dispose();
        }
    }

    private async Task<HttpStatusCode> PostBatchAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/internal/order-events")
        {
            Content = new ByteArrayContent(new DispatchBatch().ToByteArray()) { Headers = { ContentType = new MediaTypeHeaderValue(MessageHeaders.ProtobufContentType) } },
        };
        request.Headers.Add("x-functions-key", system.FunctionKey);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await system.Orders.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> OrderIdAsync(HttpResponseMessage response) =>
        (await JsonAsync(response)).GetProperty("orderId").GetString()!;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
