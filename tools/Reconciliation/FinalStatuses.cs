namespace FunctionsOrders.Reconciliation;

/// <summary>The final statuses of an order in the order-status bucket.</summary>
public static class FinalStatuses
{
    /// <summary>Charged successfully.</summary>
    public const string Paid = "Paid";

    /// <summary>Declined or refused by the provider.</summary>
    public const string PaymentFailed = "PaymentFailed";

    /// <summary>True for <see cref="Paid"/> and <see cref="PaymentFailed"/>.</summary>
    public static bool IsFinal(string? status) => status is Paid or PaymentFailed;
}
