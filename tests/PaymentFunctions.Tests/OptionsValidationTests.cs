using FunctionsOrders.PaymentFunctions.Extensions;
using FunctionsOrders.PaymentFunctions.Ledger;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Tests;

public sealed class OptionsValidationTests
{
    private const string DevStorage = "UseDevelopmentStorage=true";

    [Fact]
    public async Task Bad_payment_settings_fail_the_start_naming_each_key()
    {
        using var timeout = TestTimeout.Start();
        var settings = Valid();
        settings["Payments:MaxConcurrency"] = "0";
        settings["Payments:Provider:BaseUrl"] = "ftp://provider";
        settings["Payments:Provider:AttemptTimeout"] = "00:00:20";
        settings["Payments:Provider:TotalTimeout"] = "00:00:10";
        settings["Payments:Provider:BreakerFailureThreshold"] = "1";
        settings["Payments:Provider:SearchPath"] = "/v1/charges";
        settings["Payments:Ledger:TableName"] = "1-bad";

        var error = await Assert.ThrowsAsync<AggregateException>(() => PaymentTestHost.StartAsync(settings, timeout.Token));

        Assert.All(error.InnerExceptions, e => Assert.IsType<OptionsValidationException>(e));
        var message = error.Message;
        Assert.Contains("Payments:MaxConcurrency", message, StringComparison.Ordinal);
        Assert.Contains("Payments:Provider:BaseUrl", message, StringComparison.Ordinal);
        Assert.Contains("Payments:Provider:AttemptTimeout", message, StringComparison.Ordinal);
        Assert.Contains("Payments:Provider:BreakerFailureThreshold", message, StringComparison.Ordinal);
        Assert.Contains("Payments:Provider:SearchPath", message, StringComparison.Ordinal);
        Assert.Contains("Payments:Ledger:TableName", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ledger_connection_fails_the_start_naming_both_settings()
    {
        using var timeout = TestTimeout.Start();
        var settings = Valid();
        settings.Remove("AzureWebJobsStorage");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => PaymentTestHost.StartAsync(settings, timeout.Token));

        Assert.Contains("Payments:Ledger:Connection (or AzureWebJobsStorage) or Payments:Ledger:Endpoint is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ledger_uses_AzureWebJobsStorage_unless_its_own_connection_is_set()
    {
        using var fallback = Provider(Valid());
        var own = Valid();
        own["Payments:Ledger:Connection"] = "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.2";
        using var explicitly = Provider(own);

        Assert.Equal(DevStorage, fallback.GetRequiredService<IOptions<PaymentLedgerOptions>>().Value.Connection);
        Assert.Equal(own["Payments:Ledger:Connection"], explicitly.GetRequiredService<IOptions<PaymentLedgerOptions>>().Value.Connection);
    }

    [Fact]
    public void With_an_endpoint_the_ledger_ignores_AzureWebJobsStorage_and_takes_the_client_id_from_AZURE_CLIENT_ID()
    {
        var settings = Valid();
        settings["Payments:Ledger:Endpoint"] = "https://ledgeraccount.table.core.windows.net";
        settings["AZURE_CLIENT_ID"] = "6f1c1e4e-0b7a-4d8f-9f52-1b0d3c2a7e11";
        using var provider = Provider(settings);

        var options = provider.GetRequiredService<IOptions<PaymentLedgerOptions>>().Value;

        Assert.Null(options.Connection);
        Assert.Equal(settings["AZURE_CLIENT_ID"], options.ClientId);
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Nats:Url"] = "nats://127.0.0.1:1",
        ["AzureWebJobsStorage"] = DevStorage,
    };

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPaymentProcessing();
        return services.BuildServiceProvider();
    }
}
