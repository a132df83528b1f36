using FunctionsOrders.SystemHarness;
using System.Globalization;
using System.Net.Http.Headers;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>
/// The order API as deployed, for the contract tests: OrderFunctions under the local Functions host in
/// <c>Auth:Mode=Jwt</c> against a local token issuer and a real nats-server, with a per-customer rate limit and a
/// short read deadline, so that every answer the document lists but one can be had in a few seconds.
/// </summary>
public sealed class OpenApiSystem : IAsyncLifetime
{
    public const string CustomerAudience = "functionsorders-api";
    public const string InternalAudience = "api://functionsorders-internal";

    /// <summary>Orders one customer may place at once; each test uses customers of its own.</summary>
    public const int RateBurst = 5;

    private NatsServer? _nats;
    private TestTokenIssuer? _issuer;
    private FunctionsHostProcess? _host;

    public NatsServer Nats => _nats!;

    public TestTokenIssuer Issuer => _issuer!;

    public HttpClient Client => _host!.Client;

    public async Task InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync();
        _nats = await NatsServer.StartAsync();
        (_host, _) = await OrderApiFixture.StartHostAsync(_nats.Url, new Dictionary<string, string>
        {
            ["Auth__Mode"] = "Jwt",
            ["Auth__RequireHttpsMetadata"] = "false",
            ["Auth__Customers__Authority"] = _issuer.Authority,
            ["Auth__Customers__Audience"] = CustomerAudience,
            ["Auth__Internal__Authority"] = _issuer.Authority,
            ["Auth__Internal__Audience"] = InternalAudience,
            ["Auth__Internal__AllowedCallers__0"] = _issuer.ManagedIdentityObjectId,
            ["Orders__RateLimit__PerSecond"] = "1",
            ["Orders__RateLimit__Burst"] = RateBurst.ToString(CultureInfo.InvariantCulture),
            ["Orders__ReadDeadline"] = "00:00:00.500",
        });
    }

    /// <summary>A customer no other request used, so its rate-limit bucket is full.</summary>
    public static string NewCustomer() => "cust-" + Guid.NewGuid().ToString("N")[..12];

    public string CustomerToken(string customer) => Issuer.CreateToken(CustomerAudience, customer);

    /// <summary>A token of the identity the internal routes allow, the bridge's.</summary>
    public string InternalToken() =>
        Issuer.CreateToken(InternalAudience, Issuer.ManagedIdentityObjectId, objectId: Issuer.ManagedIdentityObjectId);

    /// <summary>Sends <paramref name="request"/> with <paramref name="token"/> as its bearer token, or anonymously.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Client.SendAsync(request, cancellationToken);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }

        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }
}
