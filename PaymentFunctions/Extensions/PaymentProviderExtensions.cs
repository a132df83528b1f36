using FunctionsOrders.PaymentFunctions.Provider;
using FunctionsOrders.PaymentFunctions.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace FunctionsOrders.PaymentFunctions.Extensions;

internal static class PaymentProviderExtensions
{
    /// <summary>Adds the <see cref="PaymentProviderClient"/> of <c>Payments:Provider</c> and its resilience pipeline.</summary>
    public static IServiceCollection AddPaymentProvider(this IServiceCollection services)
    {
        services.AddOptions<PaymentProviderOptions>().BindConfiguration(PaymentProviderOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentProviderOptions>, PaymentProviderOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProviderCircuitState>();
        services.AddMetrics();
        services.TryAddSingleton<PaymentMetrics>();
        services.AddResiliencePipeline(ProviderPipelineNames.PaymentProvider, static (builder, context) =>
        {
            var sp = context.ServiceProvider;
            builder.TimeProvider = sp.GetRequiredService<TimeProvider>();
            ProviderPipeline.Configure(builder, sp.GetRequiredService<IOptions<PaymentProviderOptions>>().Value,
                sp.GetRequiredService<ProviderCircuitState>(), sp.GetRequiredService<ILogger<PaymentProviderClient>>());
        });
        services.AddHttpClient<PaymentProviderClient>(static (sp, http) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<PaymentProviderOptions>>().Value.BaseUrl;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");

            // The resilience pipeline owns timeouts.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        return services;
    }
}
