using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.PaymentFunctions.Ledger;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>The <see cref="PaymentProcessed"/> event of a ledger row: the same row always gives the same event.</summary>
internal static class PaymentEvents
{
    public static string MessageId(string orderId) => "payment-" + orderId;

    public static PaymentProcessed ToEvent(PaymentRecord record) => new()
    {
        OrderId = record.OrderId,
        PaymentId = record.ChargeId,
        Status = record.Status,
        FailureReason = record.Reason,
        Amount = record.Amount.Clone(),
        ProcessedAt = Timestamp.FromDateTimeOffset(record.ProcessedAt),
        OrderCreatedAt = record.OrderCreatedAt == DateTimeOffset.MinValue ? null : Timestamp.FromDateTimeOffset(record.OrderCreatedAt),
        CustomerId = record.CustomerId,
    };

    public static decimal ToDecimal(Money money) => money.Units + (money.Nanos / 1_000_000_000m);
}
