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
    /// <summary>Adds the <see cref="PaymentLedger"/> on the table of <c>Payments:Ledger</c>, created at start when missing.</summary>
    public static IServiceCollection AddPaymentLedger(this IServiceCollection services)
    {
        services.AddOptions<PaymentLedgerOptions>()
            .BindConfiguration(PaymentLedgerOptions.SectionName)
            .PostConfigure<IConfiguration>(static (options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.Connection))
                {
                    options.Connection = configuration[PaymentLedgerOptions.FallbackConnectionSetting];
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
            return new TableClient(options.Connection, options.TableName, client);
        });
        services.TryAddSingleton<PaymentLedger>();
        services.AddHostedService<LedgerTableInitializer>();
        return services;
    }
}
