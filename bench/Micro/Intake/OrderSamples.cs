using System.Globalization;
using System.Text;
using FunctionsOrders.Contracts.Orders.V1;
using Google.Protobuf;

namespace FunctionsOrders.Micro.Intake;

/// <summary>
/// Order bodies as clients send them: the documented example (<c>cust-42</c>, EUR, two of <c>SKU-1</c> at 19.99) and
/// longer carts that continue it, in JSON and as <c>orders.v1.PlaceOrderRequest</c>.
/// </summary>
internal static class OrderSamples
{
    public const string CustomerId = "cust-42";
    public const string Currency = "EUR";
    public const string IdempotencyKey = "checkout-7f3a9c2e";

    private static readonly (int Quantity, decimal UnitPrice)[] Cart =
    [
        (2, 19.99m), (1, 4.50m), (3, 129.00m), (1, 0.99m), (2, 12.49m),
        (1, 7.25m), (4, 54.90m), (1, 3.10m), (1, 249.99m), (2, 15.00m),
    ];

    public static string ContentType(BodyFormat format) => format == BodyFormat.Json ? "application/json" : "application/x-protobuf";

    public static byte[] Body(BodyFormat format, int lines) => format == BodyFormat.Json ? Json(lines) : Protobuf(lines).ToByteArray();

    /// <summary>Compact JSON, the way HTTP clients serialize it: <c>{"customerId":"cust-42","currency":"EUR","items":[...]}</c>.</summary>
    public static byte[] Json(int lines)
    {
        var json = new StringBuilder($$"""{"customerId":"{{CustomerId}}","currency":"{{Currency}}","items":[""");
        for (var i = 0; i < lines; i++)
        {
            var (quantity, price) = Line(i);
            json.Append(i == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $$"""{"sku":"SKU-{{i + 1}}","quantity":{{quantity}},"unitPrice":{{price}}}""");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    public static PlaceOrderRequest Protobuf(int lines)
    {
        var request = new PlaceOrderRequest { CustomerId = CustomerId, CurrencyCode = Currency };
        for (var i = 0; i < lines; i++)
        {
            var (quantity, price) = Line(i);
            var units = decimal.Truncate(price);
            request.Items.Add(new LineItem
            {
                Sku = $"SKU-{i + 1}",
                Quantity = quantity,
                UnitPrice = new Money { CurrencyCode = Currency, Units = (long)units, Nanos = (int)((price - units) * 1_000_000_000m) },
            });
        }

        return request;
    }

    /// <summary>Sum of quantity × unit price in cents, to check that a benchmark took the accepting path.</summary>
    public static long TotalCents(int lines) => Enumerable.Range(0, lines).Sum(i => (long)(Line(i).Quantity * Line(i).UnitPrice * 100));

    private static (int Quantity, decimal UnitPrice) Line(int index) => Cart[index % Cart.Length];
}
