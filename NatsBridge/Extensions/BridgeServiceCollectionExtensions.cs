using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Routing;
using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly;

namespace FunctionsOrders.NatsBridge.Extensions;

/// <summary>Registers the bridge: its routes from <c>Bridge:Routes</c>, their breakers, dispatch and settlement.</summary>
internal static class BridgeServiceCollectionExtensions
{
    public static IServiceCollection AddJetStreamRoutes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddJetStreamTopology();
        services.AddOptions<BridgeOptions>().BindConfiguration(BridgeOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BridgeOptions>, BridgeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(BatchDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<CallerTokens>();
        services.AddSingleton<BatchDispatcher>();
        services.AddSingleton<DeadLetterPublisher>();
        services.AddSingleton<BatchSettler>();
        services.AddBridgeMetrics();
        services.AddSingleton<BridgeService>();
        services.AddHostedService(sp => sp.GetRequiredService<BridgeService>());

        // One breaker per route, registered by name before the container is built.
        var routes = configuration.GetSection(BridgeOptions.SectionName).Get<BridgeOptions>()?.Routes ?? [];
        foreach (var (name, _) in routes)
        {
            services.AddResiliencePipeline(BridgePipelines.DispatchKey(name), (builder, context) =>
            {
                var route = context.ServiceProvider.GetRequiredService<IOptions<BridgeOptions>>().Value.Routes[name];
                builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                BridgePipelines.Configure(builder, route);
            });
        }

        services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = (configuration.GetSection(BridgeOptions.SectionName).Get<BridgeOptions>()?.ShutdownTimeout
                ?? TimeSpan.FromSeconds(15)) + TimeSpan.FromSeconds(10));
        return services;
    }
}
