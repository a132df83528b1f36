using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsOrders.Contracts.Topology;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.OrderFunctions.Tests;

/// <summary>Requests of the public order API, as a client sends them.</summary>
internal static class Orders
{
    public const string ValidJson = """{ "customerId": "cust-42", "currency": "EUR", "items": [ { "sku": "SKU-1", "quantity": 2, "unitPrice": 19.99 } ] }""";

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string json, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, cancellationToken);
    }

    /// <summary>How many messages the ORDERS stream holds on the order's <c>orders.created</c> subject.</summary>
    public static async Task<long> StoredCountAsync(INatsJSContext js, JetStreamTopology topology, string orderId, CancellationToken cancellationToken)
    {
        var subject = topology.Subjects.OrderCreated(orderId);
        var info = await js.GetStreamAsync(topology.OrdersStream, new StreamInfoRequest { SubjectsFilter = subject }, cancellationToken);
        return info.Info.State.Subjects is { } subjects && subjects.TryGetValue(subject, out var count) ? count : 0;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
}
