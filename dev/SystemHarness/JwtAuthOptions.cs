namespace FunctionsOrders.SystemHarness;

/// <summary>
/// Both function apps in <c>Auth:Mode=Jwt</c>, as the Azure templates configure them: customers authenticated by
/// bearer tokens of <see cref="Authority"/>, the internal routes open only to <see cref="AllowedCaller"/>, and
/// NatsBridge getting its tokens through a managed-identity endpoint, as a <c>ManagedIdentityCredential</c> does.
/// </summary>
public sealed record JwtAuthOptions
{
    /// <summary>The OpenID Connect issuer of every token (customers' and the bridge's); plain HTTP is accepted.</summary>
    public required string Authority { get; init; }

    /// <summary>The audience of customers' tokens (<c>Auth:Customers:Audience</c> of OrderFunctions).</summary>
    public required string CustomerAudience { get; init; }

    /// <summary>The audience of the internal routes (<c>Auth:Internal:Audience</c>); the bridge asks for <c>&lt;audience&gt;/.default</c>.</summary>
    public required string InternalAudience { get; init; }

    /// <summary>The object id of the bridge's managed identity, the one caller the internal routes admit.</summary>
    public required string AllowedCaller { get; init; }

    /// <summary>The managed-identity endpoint the bridge gets its tokens from (<c>IDENTITY_ENDPOINT</c>).</summary>
    public required string IdentityEndpoint { get; init; }

    /// <summary>The secret header value that endpoint expects (<c>IDENTITY_HEADER</c>).</summary>
    public required string IdentityHeader { get; init; }
}
