using System.Security.Cryptography;
using FunctionsOrders.FunctionsHttp.Auth;
using FunctionsOrders.OrderFunctions.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.OrderFunctions.Tests;

/// <summary>The security settings checked at start: what the Development environment allows and production refuses.</summary>
public sealed class StartupSettingsTests
{
    private const string Authority = "https://login.example.com/tenant/v2.0";

    [Fact]
    public void Without_settings_a_local_run_is_unauthenticated_and_production_refuses_to_start()
    {
        Assert.Equal(AuthMode.Development, Authenticator(Environments.Development, []).Mode);

        var refused = Assert.Throws<OptionsValidationException>(() => Authenticator(Environments.Production, []));
        Assert.Contains("Auth:Customers:Authority is required", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Internal:AllowedCallers is required", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_mode_is_refused_outside_the_Development_environment()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Authenticator(Environments.Production, new() { ["Auth:Mode"] = "Development" }));

        Assert.Contains("Auth:Mode is Development", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'Production'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwt_mode_with_both_issuers_named_starts()
    {
        var authenticator = Authenticator(Environments.Production, new()
        {
            ["Auth:Customers:Authority"] = Authority,
            ["Auth:Customers:Audience"] = "api",
            ["Auth:Internal:Authority"] = Authority,
            ["Auth:Internal:Audience"] = "api://internal",
            ["Auth:Internal:AllowedCallers:0"] = Guid.NewGuid().ToString(),
        });

        Assert.Equal(AuthMode.Jwt, authenticator.Mode);
    }

    [Theory]
    [InlineData("http://login.example.com/tenant", "must be an absolute https URL")]
    [InlineData("not a url", "must be an absolute https URL")]
    public void An_authority_that_is_not_https_is_refused(string authority, string expected)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Authenticator(Environments.Production, new()
        {
            ["Auth:Mode"] = "Jwt",
            ["Auth:Customers:Authority"] = authority,
            ["Auth:Customers:Audience"] = "api",
            ["Auth:Internal:Authority"] = Authority,
            ["Auth:Internal:Audience"] = "api://internal",
            ["Auth:Internal:AllowedCallers:0"] = "x",
        }));

        Assert.Contains("Auth:Customers:Authority " + expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_order_id_key_is_required_outside_Development_and_must_be_32_bytes()
    {
        Assert.True(Validate(Environments.Development, new IntakeOptions()).Succeeded);
        Assert.Contains("Orders:OrderIdKey is required", Validate(Environments.Production, new IntakeOptions()).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Orders:OrderIdKey must be base64", Validate(Environments.Production, new IntakeOptions { OrderIdKey = Convert.ToBase64String(new byte[16]) }).FailureMessage, StringComparison.Ordinal);
        Assert.True(Validate(Environments.Production, new IntakeOptions { OrderIdKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }).Succeeded);
    }

    [Fact]
    public void A_negative_rate_limit_is_refused_naming_the_key() =>
        Assert.Contains("Orders:RateLimit:PerSecond", Validate(Environments.Development, new IntakeOptions { RateLimit = { PerSecond = -1 } }).FailureMessage, StringComparison.Ordinal);

    private static ValidateOptionsResult Validate(string environment, IntakeOptions options) =>
        new IntakeOptionsValidator(new Environment(environment)).Validate(null, options);

    private static CallerAuthenticator Authenticator(string environment, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<IHostEnvironment>(new Environment(environment));
        services.AddLogging();
        services.AddCallerAuthentication(CallerKinds.Customers | CallerKinds.Internal);
        return services.BuildServiceProvider().GetRequiredService<CallerAuthenticator>();
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "order-functions";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
