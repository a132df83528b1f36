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
    public async Task Same_idempotency_key_twice_is_one_order_and_one_stream_message()
    {
        using var timeout = TestTimeout.Start();
        var key = "key-" + Guid.NewGuid().ToString("N");

        using var first = await Orders.PostAsync(api.Client, Orders.ValidJson, key, timeout.Token);
        using var second = await Orders.PostAsync(api.Client, Orders.ValidJson.Replace("19.99", "5.00", StringComparison.Ordinal), key, timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var firstBody = await Orders.JsonAsync(first, timeout.Token);
        var secondBody = await Orders.JsonAsync(second, timeout.Token);
        var orderId = firstBody.GetProperty("orderId").GetString()!;
        Assert.Equal(orderId, secondBody.GetProperty("orderId").GetString());
        Assert.Equal(39.98m, secondBody.GetProperty("total").GetProperty("amount").GetDecimal());
        var info = await api.Js.GetStreamAsync(api.Topology.OrdersStream, new StreamInfoRequest { SubjectsFilter = api.Topology.Subjects.OrderCreated(orderId) }, timeout.Token);
        Assert.Equal(1L, info.Info.State.Subjects![api.Topology.Subjects.OrderCreated(orderId)]);
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
