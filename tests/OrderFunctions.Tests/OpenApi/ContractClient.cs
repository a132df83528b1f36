using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FunctionsOrders.Contracts.Orders.V1;
using Google.Protobuf;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>Requests of the public order API as a client sends them, each answer held against the repository's document.</summary>
internal sealed class ContractClient(OpenApiSystem system)
{
    public const string OrdersPath = "/orders";
    public const string OrderPath = "/orders/{orderId}";
    public const string Json = "application/json";
    public const string Protobuf = "application/x-protobuf";

    private readonly OpenApiContract _contract = new(OpenApiFile.Repository);

    public static string OrderJson(string? customerId = null, string currency = "EUR", decimal unitPrice = 19.99m) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["customerId"] = customerId,
            ["currency"] = currency,
            ["items"] = new[] { new { sku = "SKU-1", quantity = 2, unitPrice } },
        }.Where(m => m.Value is not null).ToDictionary());

    public static PlaceOrderRequest OrderMessage(string currency = "EUR") => new()
    {
        CurrencyCode = currency,
        Items = { new LineItem { Sku = "SKU-1", Quantity = 2, UnitPrice = new Money { CurrencyCode = currency, Units = 19, Nanos = 990_000_000 } } },
    };

    /// <summary>POST /api/orders with <paramref name="body"/> as <paramref name="contentType"/>, checked against the document.</summary>
    public async Task<HttpResponseMessage> PostAsync(string? token, byte[] body, string contentType, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        var response = await CheckedAsync(request, token, HttpMethod.Post, OrdersPath, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted && contentType == Json)
        {
            // The document must not refuse what the app accepts.
            var schema = _contract.Operation(HttpMethod.Post, OrdersPath)!.RequestBody!.Content![Json].Schema!;
            var errors = SchemaCheck.Errors(schema, JsonDocument.Parse(body).RootElement);
            Assert.True(errors.Count == 0, $"The app accepted a body the document's request schema refuses:\n{string.Join("\n", errors)}");
        }

        return response;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string? token, string json, string? idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync(token, Encoding.UTF8.GetBytes(json), Json, idempotencyKey, cancellationToken);

    public Task<HttpResponseMessage> PostProtobufAsync(string? token, IMessage message, string? idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync(token, message.ToByteArray(), Protobuf, idempotencyKey, cancellationToken);

    /// <summary>GET /api/orders/{orderId}, checked against the document.</summary>
    public Task<HttpResponseMessage> GetAsync(string? token, string orderId, CancellationToken cancellationToken) =>
        CheckedAsync(new HttpRequestMessage(HttpMethod.Get, $"api/orders/{orderId}"), token, HttpMethod.Get, OrderPath, cancellationToken);

    /// <summary>Places a valid order for <paramref name="customer"/> and answers its id.</summary>
    public async Task<string> PlaceAsync(string customer, CancellationToken cancellationToken)
    {
        using var response = await PostJsonAsync(system.CustomerToken(customer), OrderJson(), null, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await BodyAsync(response, cancellationToken)).GetProperty("orderId").GetString()!;
    }

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken)).RootElement.Clone();

    private async Task<HttpResponseMessage> CheckedAsync(HttpRequestMessage request, string? token, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using (request)
        {
            var response = await system.SendAsync(request, token, cancellationToken);
            var violations = await _contract.ViolationsAsync(response, method, path, cancellationToken);
            Assert.True(violations.Count == 0,
                $"The answer departs from OrderFunctions/openapi.json:\n{string.Join("\n", violations)}\nBody: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return response;
        }
    }
}
