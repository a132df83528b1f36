namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>One line as the client sent it. <see cref="UnitPriceCurrency"/> is set only by protobuf bodies.</summary>
internal sealed record OrderRequestLine(string? Sku, long? Quantity, decimal? UnitPrice, string? UnitPriceCurrency = null);
