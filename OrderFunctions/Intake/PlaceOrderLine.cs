namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>One validated line.</summary>
internal sealed record PlaceOrderLine(string Sku, int Quantity, long UnitPriceMinor);
