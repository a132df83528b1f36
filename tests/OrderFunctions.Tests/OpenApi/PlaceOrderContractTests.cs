using System.Net;
using System.Text;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>Real answers of <c>POST /api/orders</c>, each held against the document by <see cref="ContractClient"/>.</summary>
[Collection(OpenApiCollection.Name)]
public sealed class PlaceOrderContractTests(OpenApiSystem system)
{
    private readonly ContractClient _api = new(system);

    [Fact]
    public async Task An_order_as_json_or_protobuf_answers_202_with_its_location()
    {
        using var timeout = TestTimeout.Start();
        var token = system.CustomerToken(OpenApiSystem.NewCustomer());

        using var json = await _api.PostJsonAsync(token, ContractClient.OrderJson(), "key-json", timeout.Token);
        using var protobuf = await _api.PostProtobufAsync(token, ContractClient.OrderMessage(), "key-protobuf", timeout.Token);

        foreach (var response in new[] { json, protobuf })
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var orderId = (await ContractClient.BodyAsync(response, timeout.Token)).GetProperty("orderId").GetString();
            Assert.Equal($"/api/orders/{orderId}", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task A_repeated_key_answers_202_with_the_stored_order_and_with_another_order_422_naming_it()
    {
        using var timeout = TestTimeout.Start();
        var token = system.CustomerToken(OpenApiSystem.NewCustomer());

        using var first = await _api.PostJsonAsync(token, ContractClient.OrderJson(), "key-1", timeout.Token);
        using var again = await _api.PostJsonAsync(token, ContractClient.OrderJson(), "key-1", timeout.Token);
        using var other = await _api.PostJsonAsync(token, ContractClient.OrderJson(unitPrice: 5m), "key-1", timeout.Token);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.UnprocessableEntity], new[] { first.StatusCode, again.StatusCode, other.StatusCode });
        var orderId = (await ContractClient.BodyAsync(first, timeout.Token)).GetProperty("orderId").GetString();
        Assert.Equal(orderId, (await ContractClient.BodyAsync(again, timeout.Token)).GetProperty("orderId").GetString());
        Assert.Equal(orderId, (await ContractClient.BodyAsync(other, timeout.Token)).GetProperty("orderId").GetString());
    }

    public static TheoryData<string, string, byte[], string?> InvalidOrders => new()
    {
        { "fields", ContractClient.Json, Utf8("""{ "customerId": "", "currency": "XXX", "items": [ { "sku": "S", "quantity": 0, "unitPrice": 1.999 } ] }"""), null },
        { "unknown member", ContractClient.Json, Utf8("""{ "currency": "EUR", "items": [ { "sku": "S", "quantity": 1, "unitPrice": 1 } ], "coupon": "FREE" }"""), null },
        { "malformed JSON", ContractClient.Json, Utf8("""{ "currency": "EUR", """), null },
        { "repeated member", ContractClient.Json, Utf8("""{ "currency": "EUR", "currency": "USD", "items": [ { "sku": "S", "quantity": 1, "unitPrice": 1 } ] }"""), null },
        { "another customer", ContractClient.Json, Utf8(ContractClient.OrderJson(customerId: "someone-else")), null },
        { "Idempotency-Key too long", ContractClient.Json, Utf8(ContractClient.OrderJson()), new string('k', 65) },
        { "protobuf garbage", ContractClient.Protobuf, [0xFF, 0xFF, 0xFF], null },
    };

    [Theory]
    [MemberData(nameof(InvalidOrders))]
    public async Task An_invalid_order_answers_400_naming_the_fields(string name, string contentType, byte[] body, string? idempotencyKey)
    {
        using var timeout = TestTimeout.Start();

        using var response = await _api.PostAsync(system.CustomerToken(OpenApiSystem.NewCustomer()), body, contentType, idempotencyKey, timeout.Token);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_protobuf_line_in_another_currency_answers_400()
    {
        using var timeout = TestTimeout.Start();
        var order = ContractClient.OrderMessage();
        order.Items[0].UnitPrice.CurrencyCode = "USD";

        using var response = await _api.PostProtobufAsync(system.CustomerToken(OpenApiSystem.NewCustomer()), order, null, timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ContractClient.BodyAsync(response, timeout.Token)).GetProperty("errors").TryGetProperty("items[0].unitPrice", out _));
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413_and_another_content_type_415()
    {
        using var timeout = TestTimeout.Start();
        var large = Encoding.UTF8.GetBytes(ContractClient.OrderJson(customerId: new string('x', 70 * 1024)));

        using var tooLarge = await _api.PostAsync(system.CustomerToken(OpenApiSystem.NewCustomer()), large, ContractClient.Json, null, timeout.Token);
        using var text = await _api.PostAsync(system.CustomerToken(OpenApiSystem.NewCustomer()), Encoding.UTF8.GetBytes(ContractClient.OrderJson()), "text/plain", null, timeout.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
