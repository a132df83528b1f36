namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>A dead letter of an order's event: the route that gave up, why, and the subject it came from.</summary>
internal sealed record DeadLetterEntry(string OrderId, string? Reason, string? Route, string OriginalSubject)
{
    public bool HasReason => !string.IsNullOrWhiteSpace(Reason);
}
