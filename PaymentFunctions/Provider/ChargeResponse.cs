namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>One charge as the provider describes it (200 succeeded, 402 declined, or a status not final yet).</summary>
internal sealed record ChargeResponse(string? Id, string? Status, string? Reason);
