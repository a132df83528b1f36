namespace FunctionsOrders.Reconciliation;

/// <summary>The kinds of <see cref="Discrepancy"/> the checks report.</summary>
public static class DiscrepancyKinds
{
    /// <summary>An accepted order whose <c>OrderCreated</c> is not in ORDERS.</summary>
    public const string Lost = "lost";

    /// <summary>An accepted order in ORDERS with no final status and no dead letter with a reason.</summary>
    public const string Unfinished = "unfinished";

    /// <summary>An accepted order whose final status is not the one expected.</summary>
    public const string StatusMismatch = "status_mismatch";

    /// <summary>More than one succeeded charge at the provider for one order id.</summary>
    public const string ChargedTwice = "charged_twice";

    /// <summary>An accepted order that is <c>Paid</c> with no succeeded charge at the provider.</summary>
    public const string PaidNotCharged = "paid_not_charged";

    /// <summary>An accepted order that is <c>PaymentFailed</c> although the provider holds a succeeded charge for it.</summary>
    public const string FailedButCharged = "failed_but_charged";

    /// <summary>A charge at the provider for an order id that was never in ORDERS.</summary>
    public const string ChargeWithoutOrder = "charge_without_order";

    /// <summary>A ledger row whose order id was never in ORDERS.</summary>
    public const string OrphanLedgerRow = "orphan_ledger_row";

    /// <summary>A ledger outcome that disagrees with the final status (succeeded ↔ Paid, declined or failed ↔ PaymentFailed).</summary>
    public const string LedgerStatusMismatch = "ledger_status_mismatch";

    /// <summary>An accepted order with a final status but no ledger row.</summary>
    public const string LedgerRowMissing = "ledger_row_missing";

    /// <summary>A succeeded ledger row naming a charge id the provider has no succeeded charge of for that order.</summary>
    public const string LedgerChargeMismatch = "ledger_charge_mismatch";

    /// <summary>A durable consumer of the topology with messages pending or awaiting acknowledgement.</summary>
    public const string ConsumerNotDrained = "consumer_not_drained";

    /// <summary>A durable consumer of the topology that does not exist on the server.</summary>
    public const string ConsumerMissing = "consumer_missing";
}
