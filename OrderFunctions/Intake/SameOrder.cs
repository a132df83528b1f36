using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>
/// Whether a request repeating an Idempotency-Key asks for the order stored under it: the same customer, currency,
/// total and lines (SKU, quantity and unit price, in the same order). Amounts compare as amounts, so <c>19.9</c> and
/// <c>19.90</c> are the same; the creation time is the server's and is not compared. Any other difference is another
/// order under a key already used, which the API refuses.
/// </summary>
internal static class SameOrder
{
    public static bool As(OrderCreated stored, OrderCreated repeated)
    {
        if (stored.CustomerId != repeated.CustomerId || !Equals(stored.Total, repeated.Total) || stored.Items.Count != repeated.Items.Count)
        {
            return false;
        }

        for (var i = 0; i < stored.Items.Count; i++)
        {
            var (a, b) = (stored.Items[i], repeated.Items[i]);
            if (a.Sku != b.Sku || a.Quantity != b.Quantity || !Equals(a.UnitPrice, b.UnitPrice))
            {
                return false;
            }
        }

        return true;
    }
}
