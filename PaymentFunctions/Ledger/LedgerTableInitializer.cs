using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>
/// Creates the ledger table at start. A storage account that is not reachable yet does not stop the start: the
/// ledger creates the table on first use instead.
/// </summary>
internal sealed class LedgerTableInitializer(PaymentLedger ledger, ILogger<LedgerTableInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ledger.EnsureTableAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LedgerTableNotReady(logger, ledger.TableName, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
