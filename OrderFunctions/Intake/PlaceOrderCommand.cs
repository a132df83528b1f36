namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>A validated order: amounts in minor units of <see cref="Currency"/>.</summary>
internal sealed record PlaceOrderCommand(
    string CustomerId,
    string Currency,
    int MinorDigits,
    IReadOnlyList<PlaceOrderLine> Lines,
    long TotalMinor,
    string? IdempotencyKey);
