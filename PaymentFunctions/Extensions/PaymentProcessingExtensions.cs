using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.PaymentFunctions.Processing;
using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Extensions;

internal static class PaymentProcessingExtensions
{
    /// <summary>
    /// Adds everything the payments endpoint needs: the batch and message handlers with their <c>Payments</c>
    /// options, the ledger, the provider client, JetStream publishing, the topology's subject names, and the check of PAYMENTS at start.
    /// </summary>
    public static IServiceCollection AddPaymentProcessing(this IServiceCollection services)
    {
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentOptions>, PaymentOptionsValidator>());
        services.AddJetStreamPublisher();
        services.AddJetStreamTopologyAtStart(TopologyNames.PaymentsStream);
        services.AddPaymentLedger();
        services.AddPaymentProvider();
        services.TryAddSingleton<PaymentFailureClassifier>();
        services.TryAddSingleton<RecentPayments>();
        services.TryAddTransient<ProcessPaymentHandler>();
        services.TryAddTransient<PaymentBatchHandler>();
        return services;
    }
}
