using FunctionsOrders.Reconciliation.Checks;
using FunctionsOrders.Reconciliation.Sources;

namespace FunctionsOrders.Reconciliation;

/// <summary>
/// What one reconciliation found: how the accepted orders ended, what each source holds, the durable consumers,
/// and every discrepancy. Clean when there is no discrepancy; dead-lettered orders are counted, not discrepancies.
/// </summary>
public sealed class ReconciliationReport
{
    private readonly Dictionary<string, int> _byKind;

    internal ReconciliationReport(CheckContext context)
    {
        Discrepancies = [.. context.Discrepancies];
        _byKind = Discrepancies.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Consumers = context.Snapshot.Consumers;
        Accepted = context.Accepted.Count;
        Paid = context.Paid;
        PaymentFailed = context.PaymentFailed;
        DeadLettered = context.DeadLettered;
        OrdersInStream = context.Snapshot.OrderEvents.Count;
        StatusEntries = context.Snapshot.Statuses.Count;
        DeadLetters = context.Snapshot.DeadLetters.Count;
        Charges = context.Snapshot.Charges.Count;
        SucceededCharges = context.Snapshot.Charges.Count(c => c.IsSucceeded);
        LedgerRows = context.Snapshot.LedgerRows.Count;
    }

    /// <summary>True when no check found anything wrong.</summary>
    public bool IsClean => Discrepancies.Count == 0;

    /// <summary>Everything found wrong, grouped by check.</summary>
    public IReadOnlyList<Discrepancy> Discrepancies { get; }

    /// <summary>The topology's durable consumers as the server reported them.</summary>
    public IReadOnlyList<ConsumerState> Consumers { get; }

    /// <summary>Distinct accepted orders checked.</summary>
    public int Accepted { get; }

    /// <summary>Accepted orders that ended Paid.</summary>
    public int Paid { get; }

    /// <summary>Accepted orders that ended PaymentFailed.</summary>
    public int PaymentFailed { get; }

    /// <summary>Accepted orders with no final status that are in DEADLETTER with a reason (not a discrepancy).</summary>
    public int DeadLettered { get; }

    /// <summary>Accepted orders absent from ORDERS.</summary>
    public int Lost => Count(DiscrepancyKinds.Lost);

    /// <summary>Accepted orders in ORDERS with neither a final status nor a dead letter.</summary>
    public int Unfinished => Count(DiscrepancyKinds.Unfinished);

    /// <summary>Accepted orders whose final status is not the expected one.</summary>
    public int StatusMismatches => Count(DiscrepancyKinds.StatusMismatch);

    /// <summary>Order ids with more than one succeeded charge.</summary>
    public int ChargedTwice => Count(DiscrepancyKinds.ChargedTwice);

    /// <summary>Paid accepted orders without a succeeded charge.</summary>
    public int PaidNotCharged => Count(DiscrepancyKinds.PaidNotCharged);

    /// <summary>PaymentFailed accepted orders with a succeeded charge.</summary>
    public int FailedButCharged => Count(DiscrepancyKinds.FailedButCharged);

    /// <summary>Order ids charged at the provider that were never in ORDERS.</summary>
    public int ChargesWithoutOrder => Count(DiscrepancyKinds.ChargeWithoutOrder);

    /// <summary>Ledger rows whose order was never in ORDERS.</summary>
    public int OrphanLedgerRows => Count(DiscrepancyKinds.OrphanLedgerRow);

    /// <summary>Ledger rows whose outcome disagrees with the order's final status.</summary>
    public int LedgerStatusMismatches => Count(DiscrepancyKinds.LedgerStatusMismatch);

    /// <summary>Finished accepted orders without a ledger row.</summary>
    public int LedgerRowsMissing => Count(DiscrepancyKinds.LedgerRowMissing);

    /// <summary>Succeeded ledger rows naming a charge the provider did not make for the order.</summary>
    public int LedgerChargeMismatches => Count(DiscrepancyKinds.LedgerChargeMismatch);

    /// <summary>Durable consumers with messages pending or awaiting acknowledgement.</summary>
    public int ConsumersNotDrained => Count(DiscrepancyKinds.ConsumerNotDrained);

    /// <summary>Durable consumers of the topology that do not exist.</summary>
    public int ConsumersMissing => Count(DiscrepancyKinds.ConsumerMissing);

    /// <summary>Distinct order ids with an <c>OrderCreated</c> in ORDERS.</summary>
    public int OrdersInStream { get; }

    /// <summary>Keys in the order-status bucket.</summary>
    public int StatusEntries { get; }

    /// <summary>Distinct order ids with a dead letter.</summary>
    public int DeadLetters { get; }

    /// <summary>Charges the provider made, declines included.</summary>
    public int Charges { get; }

    /// <summary>Charges the provider made that succeeded.</summary>
    public int SucceededCharges { get; }

    /// <summary>Rows in the ledger table.</summary>
    public int LedgerRows { get; }

    /// <summary>Discrepancies of one kind (see <see cref="DiscrepancyKinds"/>).</summary>
    public int Count(string kind) => _byKind.GetValueOrDefault(kind);

    /// <summary>A table for people: the count of every check, the consumers, then every discrepancy.</summary>
    public string ToTable() => ReportTable.Format(this);

    /// <inheritdoc />
    public override string ToString() => ToTable();
}
