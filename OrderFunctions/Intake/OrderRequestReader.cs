using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.FunctionsHttp;
using Google.Protobuf;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>Reads an order from a JSON or protobuf body; a body it cannot read is reported as a field error.</summary>
internal static class OrderRequestReader
{
    public const string Json = "application/json";
    public const string Protobuf = "application/x-protobuf";

    private static readonly JsonSerializerOptions Options = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,

        // A repeated member would otherwise silently win over the first, so a proxy or log that reads the first
        // would see another order than the one published.
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 8,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>True when the media type (parameters ignored) is one the intake reads.</summary>
    public static bool IsSupported(string? contentType) => BodyReader.MediaType(contentType) is Json or Protobuf;

    public static OrderRequest? Read(string? contentType, ReadOnlySpan<byte> body, ValidationErrors errors) =>
        BodyReader.MediaType(contentType) == Protobuf ? ReadProtobuf(body, errors) : ReadJson(body, errors);

    private static OrderRequest? ReadJson(ReadOnlySpan<byte> body, ValidationErrors errors)
    {
        OrderJson? json;
        try
        {
            json = JsonSerializer.Deserialize<OrderJson>(body, Options);
        }
        catch (JsonException ex)
        {
            errors.Add(FieldOf(ex.Path), "is malformed or of the wrong type (" + FirstSentence(ex.Message) + ")");
            return null;
        }

        if (json is null)
        {
            errors.Add("$", "must be a JSON object");
            return null;
        }

        var lines = json.Items?.Select(l => new OrderRequestLine(l?.Sku, l?.Quantity, l?.UnitPrice)).ToList();
        return new OrderRequest(json.CustomerId, json.Currency, lines);
    }

    private static OrderRequest? ReadProtobuf(ReadOnlySpan<byte> body, ValidationErrors errors)
    {
        PlaceOrderRequest message;
        try
        {
            message = PlaceOrderRequest.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException ex)
        {
            errors.Add("$", "is not an orders.v1.PlaceOrderRequest: " + ex.Message);
            return null;
        }

        var lines = message.Items.Select(l => new OrderRequestLine(
            l.Sku, l.Quantity, l.UnitPrice is null ? null : l.UnitPrice.Units + (l.UnitPrice.Nanos / 1_000_000_000m), l.UnitPrice?.CurrencyCode)).ToList();
        return new OrderRequest(NullIfEmpty(message.CustomerId), NullIfEmpty(message.CurrencyCode), lines);
    }

    private static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "$";
        }

        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
