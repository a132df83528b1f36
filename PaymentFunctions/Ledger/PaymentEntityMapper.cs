using Azure.Data.Tables;
using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>
/// Maps a <see cref="PaymentRecord"/> to its table row: PartitionKey = order id and a fixed RowKey, so every
/// lookup is a point read and the insert-if-absent is keyed by order.
/// </summary>
internal static class PaymentEntityMapper
{
    public const string RowKey = "payment";

    public static TableEntity ToEntity(PaymentRecord record) => new(record.OrderId, RowKey)
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
        entity.PartitionKey,
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
