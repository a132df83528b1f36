namespace FunctionsOrders.FunctionsHttp.Auth;

/// <summary>How a function app authenticates its callers (<c>Auth:Mode</c>).</summary>
public enum AuthMode
{
    /// <summary>No caller is authenticated: for a local run only, refused outside the Development environment.</summary>
    Development,

    /// <summary>Every caller presents a bearer token (JWT) that is validated against its issuer's signing keys.</summary>
    Jwt,
}
