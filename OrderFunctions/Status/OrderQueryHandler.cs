using FunctionsOrders.OrderFunctions.Intake;
using FunctionsOrders.OrderFunctions.Nats;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>
/// Answers an order's status from the read model; when the read model has no entry yet, from the ORDERS stream
/// (reported Pending), so a client that got 202 never sees 404. Both reads together get <c>Orders:ReadDeadline</c>.
/// With an authenticated customer, another customer's order is not found.
/// </summary>
internal sealed class OrderQueryHandler(OrderStatusStore store, OrderLookup lookup, NatsReads reads, IOptions<IntakeOptions> options)
{
    /// <summary>The order, if it exists and, when <paramref name="customer"/> is given, is that customer's.</summary>
    public async Task<OrderQueryResult> FindAsync(string orderId, string? customer, CancellationToken cancellationToken)
    {
        try
        {
            var order = await reads.RunAsync(orderId, token => ReadAsync(orderId, customer, token), cancellationToken);
            return order is null ? OrderQueryResult.NotFound : OrderQueryResult.Found(order);
        }
        catch (NatsReadException)
        {
            return OrderQueryResult.NotAnswered(options.Value.RetryAfter);
        }
    }

    public static MoneyView MoneyView(Contracts.Orders.V1.Money money)
    {
        Currencies.TryGetMinorDigits(money.CurrencyCode, out var digits);
        MoneyMath.TryFromMoney(money, digits, out var minor);
        return Money(money.CurrencyCode, minor);
    }

    private async Task<OrderView?> ReadAsync(string orderId, string? customer, CancellationToken cancellationToken)
    {
        var (record, _) = await store.GetAsync(orderId, cancellationToken);
        if (record is not null)
        {
            if (customer is not null && customer != (record.CustomerId ?? (await lookup.FindCreatedAsync(orderId, cancellationToken))?.CustomerId))
            {
                return null;
            }

            return new OrderView(record.OrderId, record.Status.ToString(), record.FailureReason,
                Money(record.Currency, record.TotalMinor), record.CreatedAt, record.UpdatedAt);
        }

        var created = await lookup.FindCreatedAsync(orderId, cancellationToken);
        if (created is null || (customer is not null && created.CustomerId != customer))
        {
            return null;
        }

        var at = created.CreatedAt.ToDateTimeOffset();
        return new OrderView(created.OrderId, nameof(OrderStatus.Pending), null, MoneyView(created.Total), at, at);
    }

    private static MoneyView Money(string currency, long minor) =>
        new(currency, MoneyMath.ToDecimal(minor, Currencies.TryGetMinorDigits(currency, out var digits) ? digits : 2));
}
