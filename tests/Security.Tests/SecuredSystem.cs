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

    private readonly List<IAsyncDisposable> _started = [];
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("secured-system-");

    public string FunctionKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public TestTokenIssuer Issuer { get; private set; } = null!;

    public FunctionsHostProcess Orders { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var cancellationToken = timeout.Token;
        Issuer = Started(await TestTokenIssuer.StartAsync());
        var nats = Started(await NatsServer.StartAsync(cancellationToken: cancellationToken));
        var azurite = Started(await AzuriteServer.StartAsync(cancellationToken));
        var prefix = "z" + Guid.NewGuid().ToString("N")[..10];
        // As a deployment does: the topology first, then the services, which only verify it.
        await TopologyApply.RunAsync(new Dictionary<string, string> { ["Nats__Url"] = nats.Url, ["Topology__Prefix"] = prefix }, cancellationToken);
        var internalAuth = new Dictionary<string, string>
        {
            ["Nats__Url"] = nats.Url,
            ["Topology__Prefix"] = prefix,
            ["Auth__Mode"] = "Jwt",
            ["Auth__RequireHttpsMetadata"] = "false",
            ["Auth__Internal__Authority"] = Issuer.Authority,
            ["Auth__Internal__Audience"] = InternalAudience,
            ["Auth__Internal__AllowedCallers__0"] = Issuer.ManagedIdentityObjectId,
        };

        var providerUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var provider = StartProcess("payment-provider", [Dll("dev/PaymentProvider", "PaymentProvider"), "--urls", providerUrl], new Dictionary<string, string>());
        var orders = FunctionsHostProcess.StartAsync("OrderFunctions", new Dictionary<string, string>(internalAuth)
        {
            ["Auth__Customers__Authority"] = Issuer.Authority,
            ["Auth__Customers__Audience"] = CustomerAudience,
            ["Orders__OrderIdKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Orders__RateLimit__PerSecond"] = RatePerSecond.ToString(CultureInfo.InvariantCulture),
            ["Orders__RateLimit__Burst"] = RateBurst.ToString(CultureInfo.InvariantCulture),
        }, HostEnvironment(), cancellationToken);
        var payments = FunctionsHostProcess.StartAsync("PaymentFunctions", new Dictionary<string, string>(internalAuth)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Payments__Ledger__TableName"] = "payments" + prefix,
            ["Payments__Provider__BaseUrl"] = providerUrl,
        }, HostEnvironment(), cancellationToken);
        try
        {
            await Task.WhenAll(orders, payments);
        }
        finally
        {
            foreach (var host in new[] { orders, payments }.Where(t => t.IsCompletedSuccessfully))
            {
                Started(host.Result);
            }
        }

        Orders = orders.Result;
        await WaitForAsync(providerUrl + "/health", provider, cancellationToken);

        var bridgeUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var bridge = StartProcess("nats-bridge", [Dll("NatsBridge", "NatsBridge"), "--urls", bridgeUrl],
            BridgeEnvironment(nats.Url, prefix, Orders.Client.BaseAddress!, payments.Result.Client.BaseAddress!));
        await WaitForAsync(bridgeUrl + "/readyz", bridge, cancellationToken);
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

    private Dictionary<string, string> HostEnvironment() => new() { ["FunctionsHost__FunctionKey"] = FunctionKey };

    private Dictionary<string, string> BridgeEnvironment(string natsUrl, string prefix, Uri orders, Uri payments)
    {
        var environment = new Dictionary<string, string>
        {
            ["Nats__Url"] = natsUrl,
            ["Topology__Prefix"] = prefix,
            ["IDENTITY_ENDPOINT"] = Issuer.IdentityEndpoint,
            ["IDENTITY_HEADER"] = Issuer.IdentityHeader,
        };
        foreach (var (route, stream, subjects, url) in new[]
        {
            ("payments", "ORDERS", "orders.created.>", new Uri(payments, "api/internal/payments")),
            ("payment-status", "PAYMENTS", "payments.processed.>", new Uri(orders, "api/internal/order-events")),
        })
        {
            var key = $"Bridge__Routes__{route}__";
            environment[key + "Stream"] = stream;
            environment[key + "FilterSubject"] = subjects;
            environment[key + "Url"] = url.ToString();
            environment[key + "FunctionKey"] = FunctionKey;
            environment[key + "TokenScope"] = InternalAudience + "/.default";
            environment[key + "FetchExpires"] = "00:00:02";
            environment[key + "NakBackoff"] = "00:00:00.200";
        }

        return environment;
    }

    private ExternalProcess StartProcess(string name, string[] arguments, IDictionary<string, string> environment) =>
        Started(ExternalProcess.Start(name, "dotnet", arguments, environment, _directory.FullName));

    private T Started<T>(T resource)
        where T : IAsyncDisposable
    {
        _started.Add(resource);
        return resource;
    }

    private static async Task WaitForAsync(string url, ExternalProcess process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(
            async () => process.HasExited
                ? throw new InvalidOperationException($"{url}: the process exited with {process.ExitCode}:\n{process.ReadLog()}")
                : await AnswersAsync(http, url, cancellationToken),
            TimeSpan.FromSeconds(60), $"{url} (log: {process.LogPath})", TimeSpan.FromMilliseconds(200), cancellationToken);
    }

    /// <summary>Whether <paramref name="url"/> answers with success; a request that fails or times out (a busy machine, a process still starting) is a "not yet".</summary>
    private static async Task<bool> AnswersAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Dll(string projectFolder, string name) =>
        Path.Combine(BuildOutput.Of(projectFolder), string.Create(CultureInfo.InvariantCulture, $"FunctionsOrders.{name}.dll"));

    public async Task DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync();
        }

        _started.Clear();
        FreePortRetry.DeleteDirectory(_directory.FullName);
    }
}
