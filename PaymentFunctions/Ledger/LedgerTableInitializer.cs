using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>
/// Creates the ledger table at start and checks its partition count. A storage account that is not reachable yet
/// does not stop the start: the ledger creates the table on first use instead. A table created with another
/// partition count does: its rows could not be found.
/// </summary>
internal sealed class LedgerTableInitializer(IServiceProvider services, ILogger<LedgerTableInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, after the host validated the options, so that a bad setting is reported by its validator
        // (naming the key) and not by whatever constructor happened to read it first.
        var ledger = services.GetRequiredService<PaymentLedger>();
        try
        {
            await ledger.EnsureTableAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not LedgerLayoutException)
        {
            Log.LedgerTableNotReady(logger, ledger.TableName, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
