namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>The provider's answer to a search for the charges of an order.</summary>
internal sealed record ChargeSearchResponse(IReadOnlyList<ChargeResponse>? Data);
