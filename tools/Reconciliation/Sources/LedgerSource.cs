using Azure;
using Azure.Data.Tables;
using FunctionsOrders.Contracts.Ledger;

namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>Reads the payment ledger: every payment row (RowKey = order id), the fields the checks need.</summary>
internal sealed class LedgerSource
{
    private const int NotFound = 404;
    private readonly TableClient _table;

    private LedgerSource(TableClient table)
    {
        _table = table;
    }

    public static LedgerSource Create(ReconciliationSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentException.ThrowIfNullOrWhiteSpace(sources.LedgerTable);
        if (sources.StorageEndpoint is { } endpoint)
        {
            var credential = sources.StorageCredential
                ?? throw new ArgumentException("StorageEndpoint needs a StorageCredential.", nameof(sources));
            return new LedgerSource(new TableClient(endpoint, sources.LedgerTable, credential, Options()));
        }

        return Create(sources.StorageConnectionString
            ?? throw new ArgumentException("StorageConnectionString or StorageEndpoint is required.", nameof(sources)), sources.LedgerTable);
    }

    private static TableClientOptions Options()
    {
        var options = new TableClientOptions();
        // A source that is down should fail the check quickly, not after the SDK's minute of retries.
        options.Retry.MaxRetries = 1;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    private static LedgerSource Create(string connectionString, string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = Options();
        try
        {
            return new LedgerSource(new TableClient(connectionString, tableName, options));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException($"StorageConnectionString is not a valid storage connection string: {ex.Message}", nameof(connectionString), ex);
        }
    }

    /// <summary>Every ledger row; none when the table does not exist yet (PaymentFunctions creates it on first use).</summary>
    public async Task<IReadOnlyList<LedgerRow>> ReadAsync(CancellationToken cancellationToken)
    {
        var rows = new List<LedgerRow>();
        try
        {
            // Every partition of payment rows sorts before the layout row's.
            var query = _table.QueryAsync<TableEntity>(
                filter: $"PartitionKey lt '{LedgerKeys.LayoutPartitionKey}'", select: ["PartitionKey", "RowKey", "Status", "ChargeId", "Reason"],
                cancellationToken: cancellationToken);
            await foreach (var entity in query)
            {
                if (!LedgerKeys.IsPaymentPartition(entity.PartitionKey))
                {
                    continue;
                }

                rows.Add(new LedgerRow(entity.RowKey, entity.GetString("Status") ?? string.Empty,
                    entity.GetString("ChargeId") ?? string.Empty, entity.GetString("Reason") ?? string.Empty));
            }

            return rows;
        }
        catch (RequestFailedException ex) when (ex.Status == NotFound)
        {
            return rows;
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException or IOException)
        {
            throw new ReconciliationSourceException($"Ledger table {_table.Name} at {_table.Uri} cannot be read: {ex.Message}", ex);
        }
    }
}
