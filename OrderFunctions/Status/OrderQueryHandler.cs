using FunctionsOrders.OrderFunctions.Intake;

namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>
/// Answers an order's status from the read model; when the read model has no entry yet, from the ORDERS stream
/// (reported Pending), so a client that got 202 never sees 404.
/// </summary>
internal sealed class OrderQueryHandler(OrderStatusStore store, OrderLookup lookup)
{
    public async Task<OrderView?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        var (record, _) = await store.GetAsync(orderId, cancellationToken);
        if (record is not null)
        {
            return new OrderView(record.OrderId, record.Status.ToString(), record.FailureReason,
                Money(record.Currency, record.TotalMinor), record.CreatedAt, record.UpdatedAt);
        }

        var created = await lookup.FindCreatedAsync(orderId, cancellationToken);
        if (created is null)
        {
            return null;
        }

        var at = created.CreatedAt.ToDateTimeOffset();
        return new OrderView(created.OrderId, nameof(OrderStatus.Pending), null, MoneyView(created.Total), at, at);
    }

    public static MoneyView MoneyView(Contracts.Orders.V1.Money money)
    {
        Currencies.TryGetMinorDigits(money.CurrencyCode, out var digits);
        MoneyMath.TryFromMoney(money, digits, out var minor);
        return Money(money.CurrencyCode, minor);
    }

    private static MoneyView Money(string currency, long minor) =>
        new(currency, MoneyMath.ToDecimal(minor, Currencies.TryGetMinorDigits(currency, out var digits) ? digits : 2));
}
