using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using FunctionsOrders.Contracts.Ledger;

namespace FunctionsOrders.LoadGen.Baselines;

/// <summary>
/// Azurite's table service with nothing in front of it: concurrent inserts of rows shaped like the payment
/// ledger's (RowKey = a new order id, PartitionKey one of 8 ledger partitions, the same columns), one row per
/// request, on a table of its own, deleted afterwards.
/// </summary>
internal static class AzuriteInsertBaseline
{
    public static async Task<double> RunAsync(string connectionString, int concurrency, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, "benchinserts");
        await table.CreateIfNotExistsAsync(cancellationToken);
        long count = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                try
                {
                    await table.AddEntityAsync(Row(time), cancellationToken);
                    Interlocked.Increment(ref count);
                }
                catch (RequestFailedException)
                {
                    // Counted by its absence: only stored rows count.
                }
            }
        }, cancellationToken)));
        var rate = Math.Round(count / Stopwatch.GetElapsedTime(start).TotalSeconds, 1);

        // Azurite writes its whole store to disk every few seconds: the baseline's rows would weigh on every run after it.
        await table.DeleteAsync(cancellationToken);
        return rate;
    }

    private static TableEntity Row(TimeProvider time)
    {
        var now = time.GetUtcNow();
        var orderId = Guid.NewGuid().ToString("D");
        return new TableEntity(LedgerKeys.PartitionKey(orderId, 8), orderId)
        {
            ["CustomerId"] = "cust-48213",
            ["Status"] = "Succeeded",
            ["ChargeId"] = "ch_" + Guid.NewGuid().ToString("N"),
            ["Reason"] = string.Empty,
            ["Currency"] = "EUR",
            ["AmountUnits"] = 153L,
            ["AmountNanos"] = 470_000_000,
            ["OrderCreatedAt"] = now,
            ["ProcessedAt"] = now,
        };
    }
}
