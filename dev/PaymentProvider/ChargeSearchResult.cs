namespace FunctionsOrders.PaymentProvider;

/// <summary>Body of <c>GET /v1/charges/search</c>: the order's charges, oldest first.</summary>
internal sealed record ChargeSearchResult(IReadOnlyList<Charge> Data);
