namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>The provider's answer to a charge (200 succeeded, 402 declined).</summary>
internal sealed record ChargeResponse(string? Id, string? Status, string? Reason);
