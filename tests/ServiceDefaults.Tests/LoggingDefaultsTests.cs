using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.ServiceDefaults.Tests;

/// <summary>
/// A host with the service defaults logs the libraries' per-call lines (Polly, the HTTP client, ASP.NET Core, the
/// Azure SDK) only from Warning up, keeps the system's own Information logs, and lets configuration bring the
/// per-call lines back.
/// </summary>
public sealed class LoggingDefaultsTests
{
    [Theory]
    [InlineData("Polly")]
    [InlineData("System.Net.Http.HttpClient.PaymentProviderClient.LogicalHandler")]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    [InlineData("Azure.Core")]
    public void Per_call_library_logs_start_at_warning(string category)
    {
        using var host = Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void The_system_s_own_logs_keep_information()
    {
        using var host = Build();

        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FunctionsOrders.PaymentFunctions.Processing").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void Configuration_brings_the_per_call_logs_back()
    {
        using var host = Build(new Dictionary<string, string?> { ["Logging:LogLevel:Polly"] = "Information" });

        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Polly").IsEnabled(LogLevel.Information));
    }

    private static IHost Build(Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = Environments.Production });
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = string.Empty;
        builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] = string.Empty;
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDefaults("test-service");
        return builder.Build();
    }
}
