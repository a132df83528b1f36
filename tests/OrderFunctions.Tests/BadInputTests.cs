using System.Net;
using System.Text;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.OrderFunctions.Tests;

[Collection(OrderApiCollection.Name)]
public sealed class BadInputTests(OrderApiFixture api)
{
    [Theory]
    [InlineData("""{ "customerId": "", "currency": "XXX", "items": [ { "sku": "S", "quantity": 0, "unitPrice": 1.999 } ] }""", "customerId")]
    [InlineData("""{ "customerId": "c", "currency": "EUR", "items": [], "coupon": "FREE" }""", "coupon")]
    [InlineData("""{ "customerId": "c", "currency": "EUR", "items": [ { "sku": "S", "quantity": "two", "unitPrice": 1 } ] }""", "items[0].quantity")]
    [InlineData("""{ "customerId": "c", "currency": "EUR", """, "$")]
    [InlineData("""{ "customerId": "c", "currency": "XXX", "currency": "EUR", "items": [ { "sku": "S", "quantity": 1, "unitPrice": 1 } ] }""", "currency")]
    [InlineData("""{ "customerId": "c", "currency": "EUR", "items": [ { "sku": "S", "quantity": 1000, "quantity": 1, "unitPrice": 1 } ] }""", "items[0].quantity")]
    [InlineData("""{ "customerId": "c", "currency": "EUR", "items": [ { "sku": "S", "quantity": 1000, "unitPrice": 92233720368547758 }, { "sku": "T", "quantity": 1000, "unitPrice": 92233720368547758 } ] }""", "items")]
    public async Task Invalid_order_is_a_400_problem_naming_the_field_and_publishes_nothing(string json, string field)
    {
        using var timeout = TestTimeout.Start();
        var before = await MessagesAsync(timeout.Token);

        using var response = await Orders.PostAsync(api.Client, json, null, timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Orders.JsonAsync(response, timeout.Token);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await MessagesAsync(timeout.Token));
    }

    [Fact]
    public async Task Bad_idempotency_key_is_a_400()
    {
        using var timeout = TestTimeout.Start();

        using var response = await Orders.PostAsync(api.Client, Orders.ValidJson, new string('k', 65), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Orders.JsonAsync(response, timeout.Token)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task Body_over_64_KiB_is_a_413()
    {
        using var timeout = TestTimeout.Start();
        var json = """{ "customerId": "c", "currency": "EUR", "items": [], "pad": " """ + new string('x', 70 * 1024) + "\" }";

        using var response = await Orders.PostAsync(api.Client, json, null, timeout.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Other_content_types_are_a_415()
    {
        using var timeout = TestTimeout.Start();

        using var response = await api.Client.PostAsync("api/orders", new StringContent(Orders.ValidJson, Encoding.UTF8, "text/plain"), timeout.Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("not-an-id", HttpStatusCode.BadRequest)]
    [InlineData("0D9C6A9E-4B8F-4D36-9A51-3F0B1E7F2A10", HttpStatusCode.BadRequest)]
    [InlineData("0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10", HttpStatusCode.NotFound)]
    public async Task Get_of_a_malformed_id_is_400_and_of_an_unknown_one_404(string id, HttpStatusCode expected)
    {
        using var timeout = TestTimeout.Start();

        using var response = await api.Client.GetAsync($"api/orders/{id}", timeout.Token);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<long> MessagesAsync(CancellationToken cancellationToken) =>
        (await api.Js.GetStreamAsync(api.Topology.OrdersStream, cancellationToken: cancellationToken)).Info.State.Messages;
}
