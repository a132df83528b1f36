using System.Net;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.TestInfrastructure;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.OrderFunctions.Tests;

[Collection(OrderApiCollection.Name)]
public sealed class OrderIntakeTests(OrderApiFixture api)
{
    [Fact]
    public async Task Valid_order_is_stored_in_the_orders_stream_with_subject_id_headers_and_payload()
    {
        using var timeout = TestTimeout.Start();

        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = new StringContent(Orders.ValidJson, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01");

        using var response = await api.Client.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await Orders.JsonAsync(response, timeout.Token);
        var orderId = body.GetProperty("orderId").GetString()!;
        Assert.Equal($"/api/orders/{orderId}", response.Headers.Location!.OriginalString);
        Assert.Equal("Pending", body.GetProperty("status").GetString());
        Assert.Equal("EUR", body.GetProperty("total").GetProperty("currency").GetString());
        Assert.Equal(39.98m, body.GetProperty("total").GetProperty("amount").GetDecimal());

        var stream = await api.Js.GetStreamAsync(api.Topology.OrdersStream, cancellationToken: timeout.Token);
        var stored = await stream.GetDirectAsync(new StreamMsgGetRequest { LastBySubj = api.Topology.Subjects.OrderCreated(orderId) }, ProtobufSerializer<OrderCreated>.Default, timeout.Token);
        Assert.Equal(orderId, stored.Headers![MessageHeaders.MessageId].ToString());
        Assert.Equal(EventTypes.OrderCreated, stored.Headers[MessageHeaders.EventType].ToString());
        Assert.Equal(MessageHeaders.ProtobufContentType, stored.Headers[MessageHeaders.ContentType].ToString());
        Assert.StartsWith($"00-{traceId}-", stored.Headers[MessageHeaders.TraceParent].ToString(), StringComparison.Ordinal);
        var order = stored.Data!;
        Assert.Equal("cust-42", order.CustomerId);
        Assert.Equal(new Money { CurrencyCode = "EUR", Units = 39, Nanos = 980_000_000 }, order.Total);
        Assert.Equal("SKU-1", Assert.Single(order.Items).Sku);
    }

    [Fact]
    public async Task Same_idempotency_key_and_same_order_twice_is_one_order_and_one_stream_message()
    {
        using var timeout = TestTimeout.Start();
        var key = "key-" + Guid.NewGuid().ToString("N");
        // The same order with its members in another order and the price written with a trailing zero.
        const string sameOrder = """{ "items": [ { "unitPrice": 19.990, "quantity": 2, "sku": "SKU-1" } ], "currency": "EUR", "customerId": "cust-42" }""";

        using var first = await Orders.PostAsync(api.Client, Orders.ValidJson, key, timeout.Token);
        using var second = await Orders.PostAsync(api.Client, sameOrder, key, timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var orderId = (await Orders.JsonAsync(first, timeout.Token)).GetProperty("orderId").GetString()!;
        var secondBody = await Orders.JsonAsync(second, timeout.Token);
        Assert.Equal(orderId, secondBody.GetProperty("orderId").GetString());
        Assert.Equal(39.98m, secondBody.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal(1L, await Orders.StoredCountAsync(api.Js, api.Topology, orderId, timeout.Token));
    }

    [Theory]
    [InlineData("a lower price", "19.99", "5.00")]
    [InlineData("another quantity", "\"quantity\": 2", "\"quantity\": 3")]
    [InlineData("another SKU", "SKU-1", "SKU-2")]
    [InlineData("another currency", "EUR", "USD")]
    [InlineData("one more line", "} ] }", "}, { \"sku\": \"SKU-2\", \"quantity\": 1, \"unitPrice\": 1.00 } ] }")]
    public async Task Same_idempotency_key_with_another_order_is_422_and_stores_nothing(string change, string from, string to)
    {
        using var timeout = TestTimeout.Start();
        var key = "key-" + Guid.NewGuid().ToString("N");
        var other = Orders.ValidJson.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Orders.ValidJson, other);

        using var first = await Orders.PostAsync(api.Client, Orders.ValidJson, key, timeout.Token);
        using var second = await Orders.PostAsync(api.Client, other, key, timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.True(HttpStatusCode.UnprocessableEntity == second.StatusCode, $"{change}: {(int)second.StatusCode}");
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var orderId = (await Orders.JsonAsync(first, timeout.Token)).GetProperty("orderId").GetString()!;
        Assert.Equal(orderId, (await Orders.JsonAsync(second, timeout.Token)).GetProperty("orderId").GetString());
        Assert.Equal(1L, await Orders.StoredCountAsync(api.Js, api.Topology, orderId, timeout.Token));
    }

    [Fact]
    public async Task Get_right_after_post_is_200_pending()
    {
        using var timeout = TestTimeout.Start();
        using var posted = await Orders.PostAsync(api.Client, Orders.ValidJson, null, timeout.Token);
        var orderId = (await Orders.JsonAsync(posted, timeout.Token)).GetProperty("orderId").GetString();

        using var response = await api.Client.GetAsync($"api/orders/{orderId}", timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Orders.JsonAsync(response, timeout.Token);
        Assert.Equal("Pending", body.GetProperty("status").GetString());
        Assert.Equal(39.98m, body.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.True(body.TryGetProperty("createdAt", out _));
        Assert.True(body.TryGetProperty("updatedAt", out _));
    }
}
