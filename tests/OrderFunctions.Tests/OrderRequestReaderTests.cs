using System.Text;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.OrderFunctions.Intake;
using Google.Protobuf;

namespace FunctionsOrders.OrderFunctions.Tests;

public sealed class OrderRequestReaderTests
{
    [Fact]
    public void Json_body_of_the_documented_shape_is_read()
    {
        var request = Read("""{ "customerId": "cust-42", "currency": "EUR", "items": [ { "sku": "SKU-1", "quantity": 2, "unitPrice": 19.99 } ] }""", out var errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(new OrderRequestLine("SKU-1", 2, 19.99m), Assert.Single(request!.Items!));
    }

    [Theory]
    [InlineData("""{ "customerId": "c", "currency": "EUR", "items": [], "discount": 5 }""", "discount")]
    [InlineData("""{ "customerId": "c", "items": [ { "sku": "s", "quantity": "2", "unitPrice": 1 } ] }""", "items[0].quantity")]
    [InlineData("""{ "customerId": "c", "items": [ { "sku": "s", "quantity": 2.5, "unitPrice": 1 } ] }""", "items[0].quantity")]
    [InlineData("""{ "customerId": 42 }""", "customerId")]
    [InlineData("""{ "customerId": "c", "items": [ { "unitPrice": 1e400 } ] }""", "items[0].unitPrice")]
    [InlineData("""{ "customerId": "c" """, "$")]
    [InlineData("""[1, 2]""", "$")]
    [InlineData("", "$")]
    [InlineData("null", "$")]
    public void Malformed_json_wrong_types_and_unknown_properties_are_field_errors(string json, string field)
    {
        Assert.Null(Read(json, out var errors));
        Assert.Contains(errors.ByField.Keys, k => k == field || k.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Deeply_nested_json_is_refused()
    {
        var deep = """{ "customerId": "c", "items": [ """ + new string('[', 64) + new string(']', 64) + "] }";

        Assert.Null(Read(deep, out var errors));
        Assert.False(errors.IsEmpty);
    }

    [Fact]
    public void Protobuf_body_is_read_with_exact_prices()
    {
        var message = new PlaceOrderRequest
        {
            CustomerId = "cust-42",
            CurrencyCode = "EUR",
            Items = { new LineItem { Sku = "SKU-1", Quantity = 2, UnitPrice = new Money { CurrencyCode = "EUR", Units = 19, Nanos = 990_000_000 } } },
        };
        var errors = new ValidationErrors();

        var request = OrderRequestReader.Read("application/x-protobuf", message.ToByteArray(), errors);

        Assert.Equal(new OrderRequestLine("SKU-1", 2, 19.99m, "EUR"), Assert.Single(request!.Items!));
    }

    [Fact]
    public void Garbage_protobuf_is_an_error()
    {
        var errors = new ValidationErrors();

        Assert.Null(OrderRequestReader.Read("application/x-protobuf", [0xFF, 0xFF, 0xFF], errors));
        Assert.Contains("$", errors.ByField.Keys);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("application/x-protobuf", true)]
    [InlineData("text/plain", false)]
    [InlineData(null, false)]
    public void Only_json_and_protobuf_are_read(string? contentType, bool supported) =>
        Assert.Equal(supported, OrderRequestReader.IsSupported(contentType));

    private static OrderRequest? Read(string json, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        return OrderRequestReader.Read("application/json", Encoding.UTF8.GetBytes(json), errors);
    }
}
