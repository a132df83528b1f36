using System.Text.Json;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>The schema check finds what it must, on the document's own schemas: else the contract tests could not fail.</summary>
public sealed class SchemaCheckTests
{
    private const string Problem = """{ "type": "about:blank", "title": "t", "status": 404, "detail": "d", "instance": "/api/orders/x" }""";
    private const string Accepted = """{ "orderId": "0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10", "status": "Pending", "total": { "currency": "EUR", "amount": 39.98 } }""";

    [Theory]
    [InlineData("Problem", Problem)]
    [InlineData("AcceptedOrder", Accepted)]
    [InlineData("ValidationProblem", """{ "type": "about:blank", "title": "t", "status": 400, "detail": "d", "instance": "/api/orders", "errors": { "items[0].quantity": [ "m" ] } }""")]
    [InlineData("Order", """{ "orderId": "0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10", "status": "PaymentFailed", "failureReason": "card_declined", "total": { "currency": "JPY", "amount": 40 }, "updatedAt": "2025-06-01T12:00:01.25Z" }""")]
    public void A_conforming_value_passes(string schema, string json) =>
        Assert.Empty(Check(schema, json));

    [Theory]
    [InlineData("Problem", """{ "type": "about:blank", "title": "t", "status": 404, "detail": "d" }""", "required member instance")]
    [InlineData("Problem", """{ "type": "about:blank", "title": "t", "status": 404, "detail": "d", "instance": "/x", "extra": 1 }""", "$.extra: is not a documented member")]
    [InlineData("Problem", """{ "type": "about:blank", "title": "t", "status": "404", "detail": "d", "instance": "/x" }""", "$.status: is String")]
    [InlineData("Problem", """{ "type": "about:blank", "title": "t", "status": 404.5, "detail": "d", "instance": "/x" }""", "$.status: is Number")]
    [InlineData("Problem", """{ "type": "about:blank", "title": "t", "status": 302, "detail": "d", "instance": "/x" }""", "less than 400")]
    [InlineData("AcceptedOrder", """{ "orderId": "not-a-uuid", "status": "Pending", "total": { "currency": "EUR", "amount": 1 } }""", "$.orderId: 'not-a-uuid' does not match")]
    [InlineData("AcceptedOrder", """{ "orderId": "0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10", "status": "Paid", "total": { "currency": "EUR", "amount": 1 } }""", "$.status: \"Paid\" is not one of")]
    [InlineData("AcceptedOrder", """{ "orderId": "0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10", "status": "Pending", "total": { "currency": "XXX", "amount": 1 } }""", "$.total.currency")]
    [InlineData("Order", """{ "orderId": "0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10", "status": "Paid", "total": { "currency": "EUR", "amount": 1 }, "updatedAt": "yesterday" }""", "$.updatedAt: 'yesterday' is not a date-time")]
    [InlineData("ValidationProblem", """{ "type": "about:blank", "title": "t", "status": 400, "detail": "d", "instance": "/x", "errors": { "a": [] } }""", "$.errors.a: has 0 items")]
    [InlineData("ValidationProblem", """{ "type": "about:blank", "title": "t", "status": 400, "detail": "d", "instance": "/x", "errors": {} }""", "fewer than 1")]
    [InlineData("PlaceOrderRequest", """{ "currency": "EUR", "items": [ { "sku": "", "quantity": 1001, "unitPrice": 0 } ] }""", "$.items[0].sku: has 0 characters")]
    [InlineData("PlaceOrderRequest", """{ "currency": "EUR", "items": [ { "sku": "s", "quantity": 1001, "unitPrice": 1 } ] }""", "more than 1000")]
    [InlineData("PlaceOrderRequest", """{ "currency": "EUR", "items": [ { "sku": "s", "quantity": 1, "unitPrice": 0 } ] }""", "is not more than 0")]
    [InlineData("PlaceOrderRequest", """{ "currency": "EUR", "items": [] }""", "$.items: has 0 items")]
    public void A_departing_value_is_reported_with_its_path(string schema, string json, string expected)
    {
        var errors = Check(schema, json);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Check(string schema, string json) =>
        SchemaCheck.Errors(OpenApiFile.Repository.Components!.Schemas![schema], JsonDocument.Parse(json).RootElement);
}
