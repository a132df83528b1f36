using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.ServiceDefaults.Nats;
using FunctionsOrders.ServiceDefaults.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Polly;

namespace FunctionsOrders.ServiceDefaults.Extensions;

/// <summary>Registers the NATS connection, JetStream publishing and the topology.</summary>
public static class NatsServiceCollectionExtensions
{
    /// <summary>
    /// Adds one shared <see cref="INatsConnection"/> configured from the <c>Nats</c> section (validated at start),
    /// plus <see cref="INatsJSContext"/> and <see cref="INatsKVContext"/> on it.
    /// </summary>
    public static IServiceCollection AddNats(this IServiceCollection services)
    {
        services.AddOptions<NatsOptions>().BindConfiguration(NatsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NatsOptions>, NatsOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NatsOptions>>().Value;
            var loggerFactory = sp.GetRequiredService<ILoggerFactory>();
            var appName = sp.GetService<IHostEnvironment>()?.ApplicationName ?? "functions-orders";
            var opts = NatsConnectionFactory.CreateOpts(options, appName, loggerFactory);
            return NatsConnectionFactory.Create(opts, loggerFactory.CreateLogger("FunctionsOrders.Nats"));
        });
        services.TryAddSingleton<INatsConnection>(sp => sp.GetRequiredService<NatsConnection>());
        services.TryAddSingleton<INatsJSContext>(sp => new NatsJSContext(sp.GetRequiredService<NatsConnection>()));
        services.TryAddSingleton<INatsKVContext>(sp => new NatsKVContext((NatsJSContext)sp.GetRequiredService<INatsJSContext>()));
        return services;
    }

    /// <summary>Adds <see cref="IJetStreamPublisher"/> configured from <c>Nats:Publish</c>, with its resilience pipeline.</summary>
    public static IServiceCollection AddJetStreamPublisher(this IServiceCollection services)
    {
        services.AddNats();
        services.AddOptions<PublishOptions>().BindConfiguration(PublishOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PublishOptions>, PublishOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddResiliencePipeline(ResiliencePipelineNames.NatsPublish, static (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PublishOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILogger<IJetStreamPublisher>>();
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            PublishPipeline.Configure(builder, options, logger);
        });
        services.TryAddSingleton<IJetStreamPublisher, JetStreamPublisher>();
        return services;
    }

    /// <summary>Adds the <see cref="JetStreamTopology"/> from the <c>Topology</c> section and its initializer.</summary>
    public static IServiceCollection AddJetStreamTopology(this IServiceCollection services)
    {
        services.AddNats();
        services.AddOptions<TopologyOptions>().BindConfiguration(TopologyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TopologyOptions>, TopologyOptionsValidator>());
        services.TryAddSingleton(sp => new JetStreamTopology(sp.GetRequiredService<IOptions<TopologyOptions>>().Value));
        services.TryAddSingleton<JetStreamTopologyInitializer>();
        return services;
    }

    /// <summary>
    /// Verifies, in the background when the host starts, the streams and buckets the host uses (logical names of
    /// <see cref="TopologyNames"/>; none given: every stream and the bucket), and logs each difference as an error.
    /// With <c>Topology:AtStart=Apply</c> (Development only) it creates and updates them instead.
    /// </summary>
    public static IServiceCollection AddJetStreamTopologyAtStart(this IServiceCollection services, params string[] items)
    {
        services.AddJetStreamTopology();
        services.TryAddSingleton(TimeProvider.System);
        var all = items.Length == 0
            ? [TopologyNames.OrdersStream, TopologyNames.PaymentsStream, TopologyNames.DeadLetterStream, TopologyNames.OrderStatusBucket]
            : items;
        services.Configure<TopologyAtStartScope>(scope => scope.Items.UnionWith(all));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TopologyAtStartService>());
        return services;
    }
}
