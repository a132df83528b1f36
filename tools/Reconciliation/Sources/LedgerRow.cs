namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>
/// One row of the payment ledger: the outcome PaymentFunctions recorded for an order. <c>Status</c> is the
/// <c>orders.v1.PaymentStatus</c> name: <c>Succeeded</c>, <c>Declined</c> or <c>Failed</c>.
/// </summary>
internal sealed record LedgerRow(string OrderId, string Status, string ChargeId, string Reason)
{
    public const string Succeeded = "Succeeded";

    /// <summary>The order status this outcome must have produced.</summary>
    public string ExpectedOrderStatus =>
        string.Equals(Status, Succeeded, StringComparison.OrdinalIgnoreCase) ? FinalStatuses.Paid : FinalStatuses.PaymentFailed;

    public bool IsSucceeded => ExpectedOrderStatus == FinalStatuses.Paid;
}
