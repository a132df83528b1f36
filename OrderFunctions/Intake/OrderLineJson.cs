using System.Text.Json.Serialization;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>One line of the JSON body.</summary>
internal sealed class OrderLineJson
{
    [JsonPropertyName("sku")]
    public string? Sku { get; set; }

    [JsonPropertyName("quantity")]
    public long? Quantity { get; set; }

    [JsonPropertyName("unitPrice")]
    public decimal? UnitPrice { get; set; }
}
