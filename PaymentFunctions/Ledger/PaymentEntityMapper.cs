using Azure.Data.Tables;
using FunctionsOrders.Contracts.Ledger;
using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>
/// Maps a <see cref="PaymentRecord"/> to its table row: RowKey = order id, PartitionKey = the order's partition
/// (<see cref="LedgerKeys.PartitionKey"/>), so every lookup is a point read and the insert-if-absent is keyed by order.
/// </summary>
internal static class PaymentEntityMapper
{
    public static TableEntity ToEntity(PaymentRecord record, int partitionCount) => new(LedgerKeys.PartitionKey(record.OrderId, partitionCount), record.OrderId)
    {
        ["CustomerId"] = record.CustomerId,
        ["Status"] = record.Status.ToString(),
        ["ChargeId"] = record.ChargeId,
        ["Reason"] = record.Reason,
        ["Currency"] = record.Amount.CurrencyCode,
        ["AmountUnits"] = record.Amount.Units,
        ["AmountNanos"] = record.Amount.Nanos,
        ["OrderCreatedAt"] = record.OrderCreatedAt,
        ["ProcessedAt"] = record.ProcessedAt,
    };

    public static PaymentRecord FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("CustomerId") ?? string.Empty,
        Enum.TryParse<PaymentStatus>(entity.GetString("Status"), out var status) ? status : PaymentStatus.Unspecified,
        entity.GetString("ChargeId") ?? string.Empty,
        entity.GetString("Reason") ?? string.Empty,
        new Money
        {
            CurrencyCode = entity.GetString("Currency") ?? string.Empty,
            Units = entity.GetInt64("AmountUnits") ?? 0,
            Nanos = entity.GetInt32("AmountNanos") ?? 0,
        },
        entity.GetDateTimeOffset("OrderCreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("ProcessedAt") ?? DateTimeOffset.MinValue);
}
