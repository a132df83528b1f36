using System.Text.Json.Serialization;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>The JSON body of <c>POST /api/orders</c>; any other property is an error.</summary>
internal sealed class OrderJson
{
    [JsonPropertyName("customerId")]
    public string? CustomerId { get; set; }

    [JsonPropertyName("currency")]
    public string? Currency { get; set; }

    [JsonPropertyName("items")]
    public List<OrderLineJson?>? Items { get; set; }
}
