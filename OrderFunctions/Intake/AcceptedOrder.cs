using FunctionsOrders.OrderFunctions.Status;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>The 202 body of <c>POST /api/orders</c>.</summary>
internal sealed record AcceptedOrder(string OrderId, string Status, MoneyView Total);
