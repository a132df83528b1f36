using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

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

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
}
