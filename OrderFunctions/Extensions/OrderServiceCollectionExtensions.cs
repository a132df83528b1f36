using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.OrderFunctions.Intake;
using FunctionsOrders.OrderFunctions.Nats;
using FunctionsOrders.OrderFunctions.Status;
using FunctionsOrders.OrderFunctions.Telemetry;
using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.OrderFunctions.Extensions;

/// <summary>Registers the order API and the order-status read model.</summary>
internal static class OrderServiceCollectionExtensions
{
    /// <summary>Intake: validation, publishing <c>OrderCreated</c>, settings from <c>Orders</c>.</summary>
    public static IServiceCollection AddOrderIntake(this IServiceCollection services)
    {
        services.AddJetStreamPublisher();
        services.AddJetStreamTopology();
        services.AddJetStreamTopologyAtStart(TopologyNames.OrdersStream, TopologyNames.OrderStatusBucket);
        services.AddOrderReads();
        services.TryAddSingleton<IntakeMetrics>();
        services.TryAddSingleton<IntakeRateLimiter>();
        services.TryAddSingleton<PlaceOrderHandler>();
        return services;
    }

    /// <summary>The order-status read model: the projection the bridge feeds and the query behind GET.</summary>
    public static IServiceCollection AddOrderStatus(this IServiceCollection services)
    {
        services.AddOrderReads();
        services.TryAddSingleton<OrderStatusStore>();
        services.TryAddSingleton<OrderStatusProjector>();
        services.TryAddSingleton<OrderEventsHandler>();
        services.TryAddSingleton<OrderQueryHandler>();
        return services;
    }

    /// <summary>The settings of <c>Orders</c> and the reads both parts make on NATS, each bounded by <c>Orders:ReadDeadline</c>.</summary>
    private static IServiceCollection AddOrderReads(this IServiceCollection services)
    {
        // Both parts call this: bind and validate the settings once, so that a bad one is reported once.
        if (services.Any(s => s.ServiceType == typeof(NatsReads)))
        {
            return services;
        }

        services.AddJetStreamTopology();
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        services.TryAddSingleton<OrderIds>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NatsReads>();
        services.TryAddSingleton<OrderLookup>();
        return services;
    }
}
