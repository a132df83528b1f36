using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Security.Tests;

/// <summary>
/// The whole system as the Azure templates configure it: both function apps in <c>Auth:Mode=Jwt</c> behind a
/// function key, customers authenticated by bearer tokens, the internal routes open only to the bridge's managed
/// identity, a keyed order-id secret and a per-customer rate limit; NatsBridge gets its tokens through a real
/// <c>ManagedIdentityCredential</c>. A local OpenID Connect issuer stands in for the identity providers.
/// </summary>
public sealed class SecuredSystem : IAsyncLifetime
{
    public const string CustomerAudience = "functionsorders-api";
    public const string InternalAudience = "api://functionsorders-internal";
    public const int RatePerSecond = 1;
    public const int RateBurst = 3;

    private SystemUnderTest? _system;

    public string FunctionKey => Running.FunctionKey;

    public TestTokenIssuer Issuer { get; private set; } = null!;

    public FunctionsHostProcess Orders => Running.Orders;

    private SystemUnderTest Running => _system ?? throw new InvalidOperationException("The system has not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Issuer = await TestTokenIssuer.StartAsync();
        _system = await SystemUnderTest.StartAsync(
            new SystemUnderTestOptions
            {
                TopologyPrefix = "z" + Guid.NewGuid().ToString("N")[..10],
                Jwt = new JwtAuthOptions
                {
                    Authority = Issuer.Authority,
                    CustomerAudience = CustomerAudience,
                    InternalAudience = InternalAudience,
                    AllowedCaller = Issuer.ManagedIdentityObjectId,
                    IdentityEndpoint = Issuer.IdentityEndpoint,
                    IdentityHeader = Issuer.IdentityHeader,
                },
                Orders =
                {
                    ["Orders__OrderIdKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                    ["Orders__RateLimit__PerSecond"] = RatePerSecond.ToString(CultureInfo.InvariantCulture),
                    ["Orders__RateLimit__Burst"] = RateBurst.ToString(CultureInfo.InvariantCulture),
                },
                Routes = { ["FetchExpires"] = "00:00:02", ["NakBackoff"] = "00:00:00.200" },
            },
            timeout.Token);
    }

    /// <summary>A customer no other test uses.</summary>
    public static string NewCustomer() => "cust-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A valid customer token for <paramref name="customer"/>.</summary>
    public string CustomerToken(string customer) => Issuer.CreateToken(CustomerAudience, customer);

    /// <summary>POSTs an order as <paramref name="token"/>'s customer (no customerId in the body unless given).</summary>
    public Task<HttpResponseMessage> PostOrderAsync(string? token, string idempotencyKey, string? bodyCustomer = null)
    {
        var customer = bodyCustomer is null ? "" : $"\"customerId\":\"{bodyCustomer}\",";
        var request = new HttpRequestMessage(HttpMethod.Post, "api/orders")
        {
            Content = new StringContent($"{{{customer}\"currency\":\"EUR\",\"items\":[{{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":19.99}}]}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Orders.Client.SendAsync(request);
    }

    /// <summary>GETs an order as <paramref name="token"/>'s customer.</summary>
    public Task<HttpResponseMessage> GetOrderAsync(string? token, string orderId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/orders/{orderId}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Orders.Client.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }

        if (Issuer is not null)
        {
            await Issuer.DisposeAsync();
        }
    }
}
