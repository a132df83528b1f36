using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using FunctionsOrders.Contracts.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>
/// The payment ledger on Azure Table Storage: one row per order, written once. The first writer wins; a
/// concurrent delivery of the same order reads the winner's row instead of recording a second outcome. The rows of
/// a batch that share a partition are inserted in one entity-group transaction.
/// </summary>
internal sealed class PaymentLedger(TableClient table, IOptions<PaymentLedgerOptions> options, ILogger<PaymentLedger> logger)
{
    /// <summary>The most operations one entity-group transaction may hold.</summary>
    public const int MaxTransactionSize = 100;

    private const int Conflict = 409;
    private readonly int _partitionCount = options.Value.PartitionCount;
    private volatile bool _tableReady;
    private volatile LedgerLayoutException? _layoutError;

    public string TableName => table.Name;

    /// <summary>
    /// Creates the table when it is missing and checks that it was created with this partition count; cheap once
    /// done. Throws <see cref="LedgerLayoutException"/> when the table records another count.
    /// </summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        if (_tableReady)
        {
            return;
        }

        // A layout that does not fit will not fit on the next call either: no round trips to find that out again.
        if (_layoutError is { } error)
        {
            throw error;
        }

        await table.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            await EnsureLayoutAsync(cancellationToken);
        }
        catch (LedgerLayoutException ex)
        {
            _layoutError = ex;
            throw;
        }

        _tableReady = true;
        Log.LedgerTableReady(logger, table.Name);
    }

    /// <summary>The recorded payment of an order, or null when there is none yet.</summary>
    public async Task<PaymentRecord?> FindAsync(string orderId, CancellationToken cancellationToken = default)
    {
        using var activity = Telemetry.PaymentTelemetry.StartLedger("read", table.Name, orderId);
        await EnsureTableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            LedgerKeys.PartitionKey(orderId, _partitionCount), orderId, cancellationToken: cancellationToken);
        activity?.SetTag("payments.found", row.HasValue);
        return row.HasValue ? PaymentEntityMapper.FromEntity(row.Value!) : null;
    }

    /// <summary>Records <paramref name="record"/> unless the order has a row already; returns the row that is stored.</summary>
    public async Task<(PaymentRecord Stored, bool Inserted)> AddIfAbsentAsync(
        PaymentRecord record, CancellationToken cancellationToken = default, Activity? parent = null)
    {
        using var activity = Telemetry.PaymentTelemetry.StartLedger("insert", table.Name, record.OrderId, parent);
        await EnsureTableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(PaymentEntityMapper.ToEntity(record, _partitionCount), cancellationToken);
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

    /// <summary>
    /// Records each of <paramref name="writes"/> unless its order has a row already, as <see cref="AddIfAbsentAsync"/>
    /// does, but the rows that share a partition go in one transaction (up to <see cref="MaxTransactionSize"/>).
    /// A transaction that finds one of its rows stored already writes none, so its rows are then inserted one by one.
    /// Each result holds the stored row or the failure of that write; only cancellation is thrown.
    /// </summary>
    public async Task<LedgerWriteResult[]> AddAllIfAbsentAsync(IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new LedgerWriteResult[writes.Count];
        try
        {
            await EnsureTableAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Array.Fill(results, LedgerWriteResult.Failed(ex));
            return results;
        }

        // A transaction may hold an order's row once only; a second write of an order (the same order twice in a batch)
        // comes after it, one by one, and finds the row the first one stored.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var firsts = new List<int>(writes.Count);
        var repeats = new List<int>();
        for (var i = 0; i < writes.Count; i++)
        {
            (seen.Add(writes[i].Record.OrderId) ? firsts : repeats).Add(i);
        }

        var transactions = firsts
            .GroupBy(i => LedgerKeys.PartitionKey(writes[i].Record.OrderId, _partitionCount), StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(MaxTransactionSize));
        await Task.WhenAll(transactions.Select(indexes => WriteAsync(writes, indexes, results, cancellationToken)));
        foreach (var i in repeats)
        {
            results[i] = await AddOneAsync(writes[i], cancellationToken);
        }

        return results;
    }

    private async Task WriteAsync(IReadOnlyList<LedgerWrite> writes, int[] indexes, LedgerWriteResult[] results, CancellationToken cancellationToken)
    {
        if (indexes.Length == 1)
        {
            results[indexes[0]] = await AddOneAsync(writes[indexes[0]], cancellationToken);
            return;
        }

        // A span per row, each in its message's trace; the transaction itself runs under the caller's span.
        var current = Activity.Current;
        var spans = indexes.Select(i => Telemetry.PaymentTelemetry.StartLedger(
            "insert", table.Name, writes[i].Record.OrderId, writes[i].Parent, indexes.Length)).ToArray();
        Activity.Current = current;
        try
        {
            var actions = indexes.Select(i => new TableTransactionAction(
                TableTransactionActionType.Add, PaymentEntityMapper.ToEntity(writes[i].Record, _partitionCount)));
            await table.SubmitTransactionAsync(actions, cancellationToken);
            foreach (var i in indexes)
            {
                results[i] = new LedgerWriteResult(writes[i].Record, true, null);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == Conflict)
        {
            foreach (var span in spans)
            {
                span?.SetTag("payments.conflict", true);
            }

            DisposeAll(spans);
            await Task.WhenAll(indexes.Select(async i => results[i] = await AddOneAsync(writes[i], cancellationToken)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var span in spans)
            {
                span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            }

            foreach (var i in indexes)
            {
                results[i] = LedgerWriteResult.Failed(ex);
            }
        }
        finally
        {
            DisposeAll(spans);
        }
    }

    private async Task<LedgerWriteResult> AddOneAsync(LedgerWrite write, CancellationToken cancellationToken)
    {
        try
        {
            var (stored, inserted) = await AddIfAbsentAsync(write.Record, cancellationToken, write.Parent);
            return new LedgerWriteResult(stored, inserted, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return LedgerWriteResult.Failed(ex);
        }
    }

    private async Task EnsureLayoutAsync(CancellationToken cancellationToken)
    {
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.LayoutPartitionKey, LedgerKeys.LayoutRowKey, cancellationToken: cancellationToken);
        if (!stored.HasValue)
        {
            // A table without its layout row must be new: rows written before the layout was recorded (an earlier
            // version kept PartitionKey = order id) would not be found, and an order could be recorded twice.
            string? firstRow = null;
            await foreach (var row in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                firstRow = row.PartitionKey;
                break;
            }

            if (firstRow is not null)
            {
                // Another instance may have recorded the layout (and written rows) since the read above.
                stored = await table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.LayoutPartitionKey, LedgerKeys.LayoutRowKey, cancellationToken: cancellationToken);
                if (!stored.HasValue)
                {
                    throw new LedgerLayoutException(
                        $"Ledger table '{table.Name}' has rows but no layout row: it was written with another row layout, whose rows " +
                        $"this version cannot find (first row: PartitionKey '{firstRow}'). Use a new table " +
                        $"({PaymentLedgerOptions.SectionName}:TableName), or move the rows to this layout (docs/payments.md#ledger).");
                }
            }
        }

        if (!stored.HasValue)
        {
            var layout = new TableEntity(LedgerKeys.LayoutPartitionKey, LedgerKeys.LayoutRowKey)
            {
                [LedgerKeys.PartitionCountColumn] = _partitionCount,
            };
            try
            {
                await table.AddEntityAsync(layout, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == Conflict)
            {
                // Another instance recorded it a moment ago.
                stored = await table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.LayoutPartitionKey, LedgerKeys.LayoutRowKey, cancellationToken: cancellationToken);
            }
        }

        var count = stored.HasValue ? stored.Value!.GetInt32(LedgerKeys.PartitionCountColumn) : null;
        if (count != _partitionCount)
        {
            throw new LedgerLayoutException(
                $"{PaymentLedgerOptions.SectionName}:PartitionCount is {_partitionCount}, but ledger table '{table.Name}' was created with " +
                $"{(count is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no readable count")}: its rows are found by " +
                "their partition, so the count cannot change for a table. Set it back, or use a new table " +
                $"({PaymentLedgerOptions.SectionName}:TableName).");
        }
    }

    private static void DisposeAll(Activity?[] spans)
    {
        for (var i = 0; i < spans.Length; i++)
        {
            spans[i]?.Dispose();
            spans[i] = null;
        }
    }
}

/// <summary>A row to insert, and the span of the message it belongs to (the insert's span is its child).</summary>
internal readonly record struct LedgerWrite(PaymentRecord Record, Activity? Parent);

/// <summary>The row stored for one <see cref="LedgerWrite"/> (the written one, or the one found), or why not.</summary>
internal sealed record LedgerWriteResult(PaymentRecord? Stored, bool Inserted, Exception? Error)
{
    public static LedgerWriteResult Failed(Exception error) => new(null, false, error);
}

/// <summary>The ledger table was created with another partition count than the one configured.</summary>
internal sealed class LedgerLayoutException(string message) : InvalidOperationException(message);
