using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.FunctionsHttp.Auth;

/// <summary>
/// Checks <c>Auth</c> at start: Development mode only in the Development environment, and in Jwt mode every
/// identity provider the app uses fully named. Each error names its key.
/// </summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment, CallerKinds kinds) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        var mode = EffectiveMode(options, environment);
        if (mode == AuthMode.Development && !environment.IsDevelopment())
        {
            errors.Add($"Auth:Mode is Development, which authenticates no caller; it is refused outside the Development environment (this app runs in '{environment.EnvironmentName}', set by AZURE_FUNCTIONS_ENVIRONMENT). Set Auth:Mode to Jwt and configure Auth:Customers and Auth:Internal.");
        }

        if (!options.RequireHttpsMetadata && !environment.IsDevelopment())
        {
            errors.Add($"Auth:RequireHttpsMetadata=false is refused outside the Development environment (this app runs in '{environment.EnvironmentName}').");
        }

        if (mode == AuthMode.Jwt)
        {
            if (kinds.HasFlag(CallerKinds.Customers))
            {
                Issuer(errors, "Auth:Customers", options.Customers, options.RequireHttpsMetadata);
                if (string.IsNullOrWhiteSpace(options.Customers.SubjectClaim))
                {
                    errors.Add("Auth:Customers:SubjectClaim must name a claim (default sub).");
                }
            }

            if (kinds.HasFlag(CallerKinds.Internal))
            {
                Issuer(errors, "Auth:Internal", options.Internal, options.RequireHttpsMetadata);
                if (options.Internal.AllowedCallers.All(string.IsNullOrWhiteSpace))
                {
                    errors.Add("Auth:Internal:AllowedCallers is required when Auth:Mode is Jwt: the object ids (oid) of the identities allowed to call the internal routes, e.g. the bridge's managed identity (Auth__Internal__AllowedCallers__0).");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The mode in force: the configured one, else Development in the Development environment and Jwt elsewhere.</summary>
    public static AuthMode EffectiveMode(AuthOptions options, IHostEnvironment environment) =>
        options.Mode ?? (environment.IsDevelopment() ? AuthMode.Development : AuthMode.Jwt);

    private static void Issuer(List<string> errors, string section, TokenIssuerOptions issuer, bool requireHttps)
    {
        if (string.IsNullOrWhiteSpace(issuer.Authority))
        {
            errors.Add($"{section}:Authority is required when Auth:Mode is Jwt: the OpenID Connect issuer URL of the tokens.");
        }
        else if (!Uri.TryCreate(issuer.Authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && (requireHttps || uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add($"{section}:Authority must be an absolute https URL (http only with Auth:RequireHttpsMetadata=false in Development).");
        }

        if (string.IsNullOrWhiteSpace(issuer.Audience))
        {
            errors.Add($"{section}:Audience is required when Auth:Mode is Jwt: the audience (aud) the tokens are issued for.");
        }
    }
}

/// <summary>The callers a function app has routes for.</summary>
[Flags]
public enum CallerKinds
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Customers of the public order API.</summary>
    Customers = 1,

    /// <summary>The bridge, on the internal routes.</summary>
    Internal = 2,
}
