using FunctionsOrders.Contracts.Orders.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.LoadGen.Baselines;

/// <summary>An encoded <c>OrderCreated</c> the size the intake publishes for a typical benchmark order (two lines).</summary>
internal static class SamplePayload
{
    public static byte[] Create(TimeProvider time)
    {
        var order = new OrderCreated
        {
            OrderId = Guid.NewGuid().ToString("D"),
            CustomerId = "cust-48213",
            Total = new Money { CurrencyCode = "EUR", Units = 153, Nanos = 470_000_000 },
            CreatedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            IdempotencyKey = "suite-1a2b3c4d-123456",
        };
        order.Items.Add(new LineItem { Sku = "SKU-01234", Quantity = 2, UnitPrice = new Money { CurrencyCode = "EUR", Units = 19, Nanos = 990_000_000 } });
        order.Items.Add(new LineItem { Sku = "SKU-17342", Quantity = 1, UnitPrice = new Money { CurrencyCode = "EUR", Units = 113, Nanos = 490_000_000 } });
        return order.ToByteArray();
    }
}
