namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>An order's record in the order-status bucket: its status and, once final, how it ended.</summary>
internal sealed record OrderStatusEntry(string OrderId, string Status, string? FailureReason, string? PaymentId)
{
    public bool IsFinal => FinalStatuses.IsFinal(Status);
}
