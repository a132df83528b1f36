using Azure.Core;
using Azure.Data.Tables;
using FunctionsOrders.PaymentFunctions.Ledger;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Extensions;

internal static class PaymentLedgerExtensions
{
    /// <summary>
    /// Adds the <see cref="PaymentLedger"/> on the table of <c>Payments:Ledger</c>, created at start when missing,
    /// reached by connection string or by endpoint and managed identity.
    /// </summary>
    public static IServiceCollection AddPaymentLedger(this IServiceCollection services)
    {
        services.AddOptions<PaymentLedgerOptions>()
            .BindConfiguration(PaymentLedgerOptions.SectionName)
            .PostConfigure<IConfiguration>(static (options, configuration) =>
            {
                // The fallback connection applies only when the ledger is not reached through its endpoint.
                if (string.IsNullOrWhiteSpace(options.Connection) && string.IsNullOrWhiteSpace(options.Endpoint))
                {
                    options.Connection = configuration[PaymentLedgerOptions.FallbackConnectionSetting];
                }

                if (string.IsNullOrWhiteSpace(options.ClientId))
                {
                    options.ClientId = configuration[PaymentLedgerOptions.FallbackClientIdSetting];
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentLedgerOptions>, PaymentLedgerOptionsValidator>());
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<PaymentLedgerOptions>>().Value;

            // Storage calls must end well inside the consumer's AckWait; the SDK's default network timeout is 100 s.
            var client = new TableClientOptions();
            client.Retry.MaxRetries = 2;
            client.Retry.Mode = RetryMode.Exponential;
            client.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
            return LedgerTableClient.Create(options, client);
        });
        services.TryAddSingleton<PaymentLedger>();
        services.AddHostedService<LedgerTableInitializer>();
        return services;
    }
}
