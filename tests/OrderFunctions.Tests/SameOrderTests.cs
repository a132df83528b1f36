using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.OrderFunctions.Intake;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.OrderFunctions.Tests;

public sealed class SameOrderTests
{
    [Fact]
    public void Orders_differing_only_in_creation_time_and_key_are_the_same()
    {
        var repeated = Order();
        repeated.CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        repeated.IdempotencyKey = "another";

        Assert.True(SameOrder.As(Order(), repeated));
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("currency")]
    [InlineData("total")]
    [InlineData("sku")]
    [InlineData("quantity")]
    [InlineData("unit price")]
    [InlineData("one more line")]
    [InlineData("lines in another order")]
    public void Orders_differing_in_what_was_ordered_are_not(string change)
    {
        var repeated = Order();
        switch (change)
        {
            case "customer": repeated.CustomerId = "cust-43"; break;
            case "currency": repeated.Total.CurrencyCode = "USD"; break;
            case "total": repeated.Total.Units = 40; break;
            case "sku": repeated.Items[0].Sku = "SKU-9"; break;
            case "quantity": repeated.Items[0].Quantity = 3; break;
            case "unit price": repeated.Items[0].UnitPrice.Nanos = 0; break;
            case "one more line": repeated.Items.Add(Line("SKU-3", 1, 1)); break;
            case "lines in another order":
                var first = repeated.Items[0];
                repeated.Items.RemoveAt(0);
                repeated.Items.Add(first);
                break;
        }

        Assert.False(SameOrder.As(Order(), repeated), change);
    }

    private static OrderCreated Order() => new()
    {
        OrderId = "4d0f3a52-61f5-5a2b-9c43-0e7f3b1d2c11",
        CustomerId = "cust-42",
        Total = new Money { CurrencyCode = "EUR", Units = 39, Nanos = 980_000_000 },
        CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        IdempotencyKey = "key-1",
        Items = { Line("SKU-1", 1, 19), Line("SKU-2", 1, 19) },
    };

    private static LineItem Line(string sku, int quantity, long units) =>
        new() { Sku = sku, Quantity = quantity, UnitPrice = new Money { CurrencyCode = "EUR", Units = units, Nanos = 990_000_000 } };
}
