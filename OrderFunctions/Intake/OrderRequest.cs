namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>An order as the client sent it (JSON or protobuf), before validation; missing fields are null.</summary>
internal sealed record OrderRequest(string? CustomerId, string? Currency, IReadOnlyList<OrderRequestLine>? Items);
