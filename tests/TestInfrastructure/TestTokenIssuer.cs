using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FunctionsOrders.TestInfrastructure;

/// <summary>
/// An OpenID Connect token issuer on a free local port, standing in for the identity providers a deployment uses:
/// it publishes its metadata and signing keys as Entra ID and any OIDC provider do, mints signed JWTs for tests,
/// and serves the App Service / Container Apps managed-identity endpoint (<c>IDENTITY_ENDPOINT</c>, protocol
/// 2019-08-01), so a real <c>ManagedIdentityCredential</c> in a process under test gets its tokens here.
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    private readonly RsaSecurityKey _key;
    private readonly WebApplication _app;

    private TestTokenIssuer(WebApplication app, RsaSecurityKey key)
    {
        _app = app;
        _key = key;
    }

    /// <summary>The issuer URL (<c>iss</c>), with its metadata under <c>/.well-known/openid-configuration</c>.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>The managed-identity endpoint, for <c>IDENTITY_ENDPOINT</c>.</summary>
    public string IdentityEndpoint => Authority + "/msi/token";

    /// <summary>The secret header a managed-identity request must carry, for <c>IDENTITY_HEADER</c>.</summary>
    public string IdentityHeader { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The object id (<c>oid</c>) of the managed identity the endpoint issues tokens for.</summary>
    public string ManagedIdentityObjectId { get; } = Guid.NewGuid().ToString();

    /// <summary>Managed-identity tokens issued so far.</summary>
    public int ManagedIdentityTokensIssued => _issued;

    private int _issued;

    public static async Task<TestTokenIssuer> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var issuer = new TestTokenIssuer(app, key);
        issuer.Map(app);
        await app.StartAsync();
        issuer.Authority = app.Urls.Single().TrimEnd('/');
        return issuer;
    }

    /// <summary>A signed token for <paramref name="audience"/> naming <paramref name="subject"/>; by default valid for an hour.</summary>
    public string CreateToken(string audience, string subject, TimeSpan? lifetime = null, string? issuer = null, SecurityKey? signingKey = null, string? objectId = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (objectId is not null)
        {
            claims["oid"] = objectId;
        }

        var key = signingKey ?? _key;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Authority,
            Audience = audience,
            Claims = claims,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A key this issuer does not publish, to sign forged tokens with.</summary>
    public static SecurityKey ForeignKey() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = Authority + "/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/msi/token", (HttpRequest request) =>
        {
            if (request.Headers["X-IDENTITY-HEADER"] != IdentityHeader)
            {
                return Results.Json(new { error = "invalid_request", error_description = "wrong or missing X-IDENTITY-HEADER" }, statusCode: StatusCodes.Status400BadRequest);
            }

            var resource = request.Query["resource"].ToString();
            if (string.IsNullOrEmpty(resource))
            {
                return Results.Json(new { error = "invalid_request", error_description = "resource is required" }, statusCode: StatusCodes.Status400BadRequest);
            }

            Interlocked.Increment(ref _issued);
            var expiresOn = DateTimeOffset.UtcNow.AddHours(1);
            return Results.Json(new Dictionary<string, string>
            {
                ["access_token"] = CreateToken(resource, ManagedIdentityObjectId, TimeSpan.FromHours(1), objectId: ManagedIdentityObjectId),
                ["expires_on"] = expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["resource"] = resource,
                ["token_type"] = "Bearer",
            });
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
