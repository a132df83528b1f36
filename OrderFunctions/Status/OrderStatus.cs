namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>Where an order stands. Moves only forward: Pending, then Paid or PaymentFailed.</summary>
internal enum OrderStatus
{
    Pending,
    Paid,
    PaymentFailed,
}
