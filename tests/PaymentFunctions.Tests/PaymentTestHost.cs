using Azure.Data.Tables;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.FunctionsHttp.Auth;
using FunctionsOrders.PaymentFunctions.Extensions;
using FunctionsOrders.PaymentFunctions.Ledger;
using FunctionsOrders.PaymentFunctions.Processing;
using FunctionsOrders.ServiceDefaults.JetStream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>
/// The app's services wired by the same extension method as its Program.cs, in a started generic host (so options
/// are validated and the ledger table is created at start), against real servers and the simulator.
/// </summary>
internal sealed class PaymentTestHost : IAsyncDisposable
{
    private const string StreamBytes = "16777216";

    private readonly IHost _host;

    private PaymentTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public PaymentBatchHandler Handler => Services.GetRequiredService<PaymentBatchHandler>();

    public JetStreamTopology Topology => Services.GetRequiredService<JetStreamTopology>();

    public TableClient LedgerTable => Services.GetRequiredService<TableClient>();

    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// Settings for a test: its own topology prefix and ledger table, fast retries, and small streams (every test's
    /// streams reserve their size on the collection's one server, which refuses new ones once its store is reserved).
    /// </summary>
    public static Dictionary<string, string?> Settings(string natsUrl, string storage, string providerUrl) => new()
    {
        ["Nats:Url"] = natsUrl,
        ["Nats:ReconnectWaitMin"] = "00:00:00.100",
        ["Nats:ReconnectWaitMax"] = "00:00:00.500",
        ["Topology:Prefix"] = UniqueName("t"),
        ["Topology:OrdersMaxBytes"] = StreamBytes,
        ["Topology:PaymentsMaxBytes"] = StreamBytes,
        ["Topology:DeadLetterMaxBytes"] = StreamBytes,
        ["AzureWebJobsStorage"] = storage,
        ["Payments:Ledger:TableName"] = UniqueName("payments"),
        ["Payments:Provider:BaseUrl"] = providerUrl,
        ["Payments:Provider:RetryBaseDelay"] = "00:00:00.050",
        ["Payments:Provider:RetryMaxDelay"] = "00:00:00.200",
    };

    public static async Task<PaymentTestHost> StartAsync(IDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var host = Build(settings);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        await host.Services.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: cancellationToken);
        return new PaymentTestHost(host);
    }

    /// <summary>
    /// The app's services, not started: nothing ran at start (no ledger table check), as when the storage account was
    /// not reachable then.
    /// </summary>
    public static PaymentTestHost Unstarted(IDictionary<string, string?> settings) => new(Build(settings));

    private static IHost Build(IDictionary<string, string?> settings)
    {
        // The Development environment of a local run, as the app's Program.cs has it: callers unauthenticated.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
        builder.Services.AddPaymentProcessing();
        builder.Services.AddCallerAuthentication(CallerKinds.Internal);
        return builder.Build();
    }

    /// <summary>The ledger row of an order, or null.</summary>
    public async Task<PaymentRecord?> LedgerRowAsync(string orderId, CancellationToken cancellationToken) =>
        await Services.GetRequiredService<PaymentLedger>().FindAsync(orderId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
