using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentProvider;

internal static class SimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddPaymentSimulator(this IServiceCollection services)
    {
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ChargeStore>();
        services.AddSingleton<FaultInjector>();
        return services;
    }
}
