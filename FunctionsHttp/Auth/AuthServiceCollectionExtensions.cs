using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.FunctionsHttp.Auth;

/// <summary>Registers caller authentication (section <c>Auth</c>).</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Caller authentication for the <paramref name="kinds"/> of callers the app has routes for, validated at start;
    /// in Development mode a warning says at start that nobody is authenticated.
    /// </summary>
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services, CallerKinds kinds)
    {
        if (services.Any(s => s.ServiceType == typeof(CallerAuthenticator)))
        {
            return services;
        }

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => new AuthOptionsValidator(sp.GetRequiredService<IHostEnvironment>(), kinds));
        services.TryAddSingleton<CallerAuthenticator>();
        services.AddHostedService<AuthModeAnnouncement>();
        return services;
    }
}

/// <summary>Says at start which authentication is in force, loudly when it is none.</summary>
internal sealed partial class AuthModeAnnouncement(CallerAuthenticator authenticator, ILogger<AuthModeAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (authenticator.Mode == AuthMode.Development)
        {
            DevelopmentMode(logger);
        }
        else
        {
            JwtMode(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning,
        Message = "Auth:Mode is Development: callers are not authenticated (no bearer token needed, customerId comes from the body). For a local run only; refused outside the Development environment.")]
    private static partial void DevelopmentMode(ILogger logger);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Auth:Mode is Jwt: every caller needs a valid bearer token.")]
    private static partial void JwtMode(ILogger logger);
}
