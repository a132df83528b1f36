using Azure.Data.Tables;
using FunctionsOrders.Contracts.Ledger;

namespace FunctionsOrders.Reconciliation.Tests.Harness;

/// <summary>A ledger table of its own, rows written as PaymentFunctions writes them (RK = order id, PK = its partition of 8).</summary>
internal sealed class LedgerTable
{
    private readonly TableClient _table;

    private LedgerTable(TableClient table)
    {
        _table = table;
    }

    public string Name => _table.Name;

    public static async Task<LedgerTable> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, "ledger" + Guid.NewGuid().ToString("N")[..16]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        return new LedgerTable(table);
    }

    /// <summary>Adds the row; <c>status</c> is the <c>orders.v1.PaymentStatus</c> name: <c>Succeeded</c>, <c>Declined</c> or <c>Failed</c>.</summary>
    public async Task AddRowAsync(string orderId, string status, string chargeId, string reason = "", CancellationToken cancellationToken = default)
    {
        var now = TimeProvider.System.GetUtcNow();
        await _table.AddEntityAsync(new TableEntity(LedgerKeys.PartitionKey(orderId, 8), orderId)
        {
            ["CustomerId"] = "cust-1",
            ["Status"] = status,
            ["ChargeId"] = chargeId,
            ["Reason"] = reason,
            ["Currency"] = "EUR",
            ["AmountUnits"] = 12L,
            ["AmountNanos"] = 500_000_000,
            ["OrderCreatedAt"] = now,
            ["ProcessedAt"] = now,
        }, cancellationToken);
    }
}
