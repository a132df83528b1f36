namespace FunctionsOrders.PaymentProvider;

internal static class SimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddPaymentSimulator(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ChargeStore>();
        services.AddSingleton<FaultInjector>();
        return services;
    }
}
