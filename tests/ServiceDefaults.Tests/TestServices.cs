using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.ServiceDefaults.Tests;

/// <summary>The shared NATS services wired exactly as a host wires them, against a test server.</summary>
internal static class TestServices
{
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    public static ServiceProvider Create(string natsUrl, string prefix, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Nats:Url"] = natsUrl,
            ["Nats:ReconnectWaitMin"] = "00:00:00.100",
            ["Nats:ReconnectWaitMax"] = "00:00:00.500",
            ["Nats:ReconnectJitter"] = "00:00:00.050",
            ["Topology:Prefix"] = prefix,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddJetStreamPublisher();
        services.AddJetStreamTopology();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
