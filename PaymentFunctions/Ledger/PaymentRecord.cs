using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>The final outcome of charging one order, as kept in the ledger.</summary>
internal sealed record PaymentRecord(
    string OrderId,
    string CustomerId,
    PaymentStatus Status,
    string ChargeId,
    string Reason,
    Money Amount,
    DateTimeOffset OrderCreatedAt,
    DateTimeOffset ProcessedAt);
