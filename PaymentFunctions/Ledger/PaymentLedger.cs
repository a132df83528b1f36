using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>
/// The payment ledger on Azure Table Storage: one row per order, written once. The first writer wins; a
/// concurrent delivery of the same order reads the winner's row instead of recording a second outcome.
/// </summary>
internal sealed class PaymentLedger(TableClient table, ILogger<PaymentLedger> logger)
{
    private const int Conflict = 409;
    private volatile bool _tableReady;

    public string TableName => table.Name;

    /// <summary>Creates the table when it is missing; cheap once it exists.</summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        if (_tableReady)
        {
            return;
        }

        await table.CreateIfNotExistsAsync(cancellationToken);
        _tableReady = true;
        Log.LedgerTableReady(logger, table.Name);
    }

    /// <summary>The recorded payment of an order, or null when there is none yet.</summary>
    public async Task<PaymentRecord?> FindAsync(string orderId, CancellationToken cancellationToken = default)
    {
        using var activity = Telemetry.PaymentTelemetry.StartLedger("read", table.Name, orderId);
        await EnsureTableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(orderId, PaymentEntityMapper.RowKey, cancellationToken: cancellationToken);
        activity?.SetTag("payments.found", row.HasValue);
        return row.HasValue ? PaymentEntityMapper.FromEntity(row.Value!) : null;
    }

    /// <summary>Records <paramref name="record"/> unless the order has a row already; returns the row that is stored.</summary>
    public async Task<(PaymentRecord Stored, bool Inserted)> AddIfAbsentAsync(PaymentRecord record, CancellationToken cancellationToken = default)
    {
        using var activity = Telemetry.PaymentTelemetry.StartLedger("insert", table.Name, record.OrderId);
        await EnsureTableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(PaymentEntityMapper.ToEntity(record), cancellationToken);
            return (record, true);
        }
        catch (RequestFailedException ex) when (ex.Status == Conflict)
        {
            activity?.SetTag("payments.conflict", true);
            Log.LedgerConflict(logger, record.OrderId);
            var winner = await FindAsync(record.OrderId, cancellationToken);
            return winner is null
                ? throw new InvalidOperationException($"The ledger row of order {record.OrderId} conflicted but cannot be read.", ex)
                : (winner, false);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }
}
