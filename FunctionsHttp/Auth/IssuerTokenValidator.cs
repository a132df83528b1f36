using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace FunctionsOrders.FunctionsHttp.Auth;

/// <summary>
/// Validates bearer tokens of one identity provider: signature against the keys its OpenID Connect metadata
/// publishes (cached, refreshed when a token names an unknown key), issuer, audience and lifetime.
/// </summary>
internal sealed class IssuerTokenValidator
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenIssuerOptions _options;

    public IssuerTokenValidator(TokenIssuerOptions options, bool requireHttps, HttpClient http)
    {
        _options = options;
        var address = options.Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            address, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(http) { RequireHttps = requireHttps });
    }

    /// <summary>The token's claims, or the reason it is refused. Throws when the issuer's metadata cannot be read.</summary>
    public async Task<(ClaimsIdentity? Identity, string? Error)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await ValidateOnceAsync(token, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider may have rolled its keys since the metadata was read.
            _metadata.RequestRefresh();
            result = await ValidateOnceAsync(token, cancellationToken).ConfigureAwait(false);
        }

        return result.IsValid ? (result.ClaimsIdentity, null) : (null, Reason(result.Exception));
    }

    private async Task<TokenValidationResult> ValidateOnceAsync(string token, CancellationToken cancellationToken)
    {
        var configuration = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new TokenValidationParameters
        {
            ValidAudience = _options.Audience,
            ValidIssuers = [configuration.Issuer, .. _options.ValidIssuers.Where(i => !string.IsNullOrWhiteSpace(i))],
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        };
        return await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
    }

    // Names the check that failed without echoing the token.
    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token is from another issuer",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        SecurityTokenMalformedException => "the token is malformed",
        _ => "the token is not valid",
    };
}
