using FunctionsOrders.OrderFunctions.Intake;
using FunctionsOrders.OrderFunctions.Status;
using FunctionsOrders.OrderFunctions.Telemetry;
using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FunctionsOrders.OrderFunctions.Extensions;

/// <summary>Registers the order API and the order-status read model.</summary>
internal static class OrderServiceCollectionExtensions
{
    /// <summary>Intake: validation, publishing <c>OrderCreated</c>, settings from <c>Orders</c>.</summary>
    public static IServiceCollection AddOrderIntake(this IServiceCollection services)
    {
        services.AddJetStreamPublisher();
        services.AddJetStreamTopology();
        services.AddJetStreamTopologyAtStart();
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntakeMetrics>();
        services.TryAddSingleton<OrderLookup>();
        services.TryAddSingleton<PlaceOrderHandler>();
        return services;
    }

    /// <summary>The order-status read model: the projection the bridge feeds and the query behind GET.</summary>
    public static IServiceCollection AddOrderStatus(this IServiceCollection services)
    {
        services.AddJetStreamTopology();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OrderLookup>();
        services.TryAddSingleton<OrderStatusStore>();
        services.TryAddSingleton<OrderStatusProjector>();
        services.TryAddSingleton<OrderEventsHandler>();
        services.TryAddSingleton<OrderQueryHandler>();
        return services;
    }
}
