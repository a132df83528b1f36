namespace FunctionsOrders.FunctionsHttp.Auth;

/// <summary>Caller authentication of a function app (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Auth";

    /// <summary>
    /// <see cref="AuthMode.Jwt"/> or <see cref="AuthMode.Development"/>. Unset: Development in the Development
    /// environment (a local run), Jwt everywhere else.
    /// </summary>
    public AuthMode? Mode { get; set; }

    /// <summary>Fetch issuer metadata over HTTPS only. Default true; false is refused outside Development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The identity provider of customers, for the public order API (<c>Auth:Customers</c>).</summary>
    public TokenIssuerOptions Customers { get; set; } = new();

    /// <summary>The identity provider of internal callers, the bridge (<c>Auth:Internal</c>).</summary>
    public TokenIssuerOptions Internal { get; set; } = new();
}

/// <summary>One identity provider whose tokens a function app accepts.</summary>
public sealed class TokenIssuerOptions
{
    /// <summary>
    /// OpenID Connect issuer URL; its metadata is read from <c>{Authority}/.well-known/openid-configuration</c>
    /// (e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>).
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The audience (<c>aud</c>) tokens must be issued for, e.g. <c>api://functionsorders-internal</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>Issuers (<c>iss</c>) accepted besides the one the metadata names (e.g. Entra ID's v1 issuer).</summary>
    public List<string> ValidIssuers { get; set; } = [];

    /// <summary>
    /// Internal callers only: the principals allowed to call, by the token's <c>oid</c> claim (object id of a
    /// managed identity), or <c>sub</c> when the token has no <c>oid</c>.
    /// </summary>
    public List<string> AllowedCallers { get; set; } = [];

    /// <summary>Customers only: the claim naming the customer. Default <c>sub</c>.</summary>
    public string SubjectClaim { get; set; } = "sub";
}
