using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.OrderFunctions.Intake;

namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>
/// How an event changes an order's record. Pure. Monotonic and idempotent: a final status is never left, the first
/// final outcome wins, and an event already applied changes nothing (null).
/// </summary>
internal static class StatusTransitions
{
    public static OrderStatusRecord? Apply(OrderStatusRecord? current, OrderCreated created, DateTimeOffset now)
    {
        Currencies.TryGetMinorDigits(created.Total.CurrencyCode, out var digits);
        MoneyMath.TryFromMoney(created.Total, digits, out var total);
        var createdAt = created.CreatedAt?.ToDateTimeOffset() ?? now;
        if (current is null)
        {
            return new OrderStatusRecord
            {
                OrderId = created.OrderId, Status = OrderStatus.Pending, CustomerId = NullIfEmpty(created.CustomerId), Currency = created.Total.CurrencyCode,
                TotalMinor = total, CreatedAt = createdAt, UpdatedAt = createdAt,
            };
        }

        // The payment outcome arrived first: fill in what only the order knows, keep the status.
        return current.CreatedAt is null || (current.CustomerId is null && !string.IsNullOrEmpty(created.CustomerId))
            ? current with
            {
                CreatedAt = current.CreatedAt ?? createdAt, CustomerId = current.CustomerId ?? NullIfEmpty(created.CustomerId),
                Currency = created.Total.CurrencyCode, TotalMinor = total,
            }
            : null;
    }

    public static OrderStatusRecord? Apply(OrderStatusRecord? current, PaymentProcessed payment, DateTimeOffset now)
    {
        if (current is { IsFinal: true })
        {
            return null;
        }

        var status = payment.Status == PaymentStatus.Succeeded ? OrderStatus.Paid : OrderStatus.PaymentFailed;
        var at = payment.ProcessedAt?.ToDateTimeOffset() ?? now;
        var reason = status == OrderStatus.PaymentFailed ? Reason(payment) : null;
        if (current is not null)
        {
            return current with
            {
                Status = status, FailureReason = reason, PaymentId = NullIfEmpty(payment.PaymentId), UpdatedAt = at,
                CreatedAt = current.CreatedAt ?? payment.OrderCreatedAt?.ToDateTimeOffset(),
                CustomerId = current.CustomerId ?? NullIfEmpty(payment.CustomerId),
            };
        }

        var amount = payment.Amount ?? new Money();
        Currencies.TryGetMinorDigits(amount.CurrencyCode, out var digits);
        MoneyMath.TryFromMoney(amount, digits, out var total);
        return new OrderStatusRecord
        {
            OrderId = payment.OrderId, Status = status, FailureReason = reason, PaymentId = NullIfEmpty(payment.PaymentId),
            CustomerId = NullIfEmpty(payment.CustomerId), Currency = amount.CurrencyCode, TotalMinor = total, CreatedAt = payment.OrderCreatedAt?.ToDateTimeOffset(), UpdatedAt = at,
        };
    }

    private static string Reason(PaymentProcessed payment) =>
        payment.FailureReason.Length > 0 ? payment.FailureReason : payment.Status.ToString().ToLowerInvariant();

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
