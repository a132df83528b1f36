using System.Net;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.FunctionsHttp.Auth;

/// <summary>
/// Authenticates the callers of a function app from their <c>Authorization: Bearer</c> token: customers on the
/// public routes (the customer is the token's subject) and the bridge on the internal routes (only the identities in
/// <c>Auth:Internal:AllowedCallers</c>). In Development mode every request goes on unauthenticated.
/// </summary>
public sealed class CallerAuthenticator : IDisposable
{
    private readonly AuthOptions _options;
    private readonly HttpClient _metadataClient;
    private readonly Lazy<IssuerTokenValidator> _customers;
    private readonly Lazy<IssuerTokenValidator> _internal;
    private readonly HashSet<string> _allowedCallers;

    /// <summary>Creates the authenticator from the validated <c>Auth</c> settings.</summary>
    public CallerAuthenticator(IOptions<AuthOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        Mode = AuthOptionsValidator.EffectiveMode(_options, environment);
        _metadataClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        _customers = new(() => new IssuerTokenValidator(_options.Customers, _options.RequireHttpsMetadata, _metadataClient));
        _internal = new(() => new IssuerTokenValidator(_options.Internal, _options.RequireHttpsMetadata, _metadataClient));
        _allowedCallers = new HashSet<string>(_options.Internal.AllowedCallers.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The mode in force.</summary>
    public AuthMode Mode { get; }

    /// <summary>Authenticates a customer of the public order API; the customer is the token's subject claim.</summary>
    public async Task<CallerCheck> CustomerAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        if (Mode == AuthMode.Development)
        {
            return CallerCheck.Anonymous;
        }

        var (identity, check) = await ValidateAsync(request, _customers.Value, cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            return check;
        }

        var subject = identity.FindFirst(_options.Customers.SubjectClaim)?.Value;
        return string.IsNullOrWhiteSpace(subject)
            ? CallerCheck.Unauthenticated($"the token has no {_options.Customers.SubjectClaim} claim naming the customer")
            : CallerCheck.As(subject);
    }

    /// <summary>Authenticates an internal caller: a valid token of one of <c>Auth:Internal:AllowedCallers</c>.</summary>
    public async Task<CallerCheck> InternalAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        if (Mode == AuthMode.Development)
        {
            return CallerCheck.Anonymous;
        }

        var (identity, check) = await ValidateAsync(request, _internal.Value, cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            return check;
        }

        var caller = identity.FindFirst("oid")?.Value ?? identity.FindFirst("sub")?.Value;
        return caller is not null && _allowedCallers.Contains(caller)
            ? CallerCheck.As(caller)
            : CallerCheck.Forbidden("the token's identity is not among the callers allowed on this route (Auth:Internal:AllowedCallers)");
    }

    /// <summary>The response to a request that may not go on: 401 with a Bearer challenge, 403, or 503.</summary>
    public static async Task<HttpResponseData> RefuseAsync(HttpRequestData request, CallerCheck check, CancellationToken cancellationToken)
    {
        switch (check.Verdict)
        {
            case CallerVerdict.Forbidden:
                return await ProblemJson.WriteAsync(request, HttpStatusCode.Forbidden, "Forbidden", $"Not allowed: {check.Error}.", cancellationToken);
            case CallerVerdict.Unavailable:
                var unavailable = await ProblemJson.WriteAsync(request, HttpStatusCode.ServiceUnavailable, "Try again later",
                    $"The caller could not be authenticated: {check.Error}. Send the request again after Retry-After.", cancellationToken);
                unavailable.Headers.Add("Retry-After", "5");
                return unavailable;
            default:
                var response = await ProblemJson.WriteAsync(request, HttpStatusCode.Unauthorized, "Authentication required",
                    $"Send a bearer token in the Authorization header: {check.Error}.", cancellationToken);
                response.Headers.Add("WWW-Authenticate", check.Error == MissingToken ? "Bearer" : "Bearer error=\"invalid_token\"");
                return response;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _metadataClient.Dispose();

    private const string MissingToken = "there is none";

    private static async Task<(System.Security.Claims.ClaimsIdentity? Identity, CallerCheck Check)> ValidateAsync(
        HttpRequestData request, IssuerTokenValidator validator, CancellationToken cancellationToken)
    {
        var token = BearerToken(request);
        if (token is null)
        {
            return (null, CallerCheck.Unauthenticated(MissingToken));
        }

        try
        {
            var (identity, error) = await validator.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
            return identity is null ? (null, CallerCheck.Unauthenticated(error!)) : (identity, CallerCheck.Anonymous);
        }
        catch (InvalidOperationException)
        {
            // The metadata (and so the signing keys) could not be read: not the caller's fault.
            return (null, CallerCheck.Unavailable("the identity provider's signing keys could not be read"));
        }
    }

    private static string? BearerToken(HttpRequestData request)
    {
        if (!request.Headers.TryGetValues("Authorization", out var values))
        {
            return null;
        }

        var value = values.FirstOrDefault()?.Trim();
        const string Scheme = "Bearer ";
        return value is { Length: > 7 } && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? value[Scheme.Length..].Trim() : null;
    }
}
