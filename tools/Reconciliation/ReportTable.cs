using System.Globalization;
using System.Text;

namespace FunctionsOrders.Reconciliation;

/// <summary>Renders a <see cref="ReconciliationReport"/> for people: verdict, per-check counts, consumers, discrepancies.</summary>
internal static class ReportTable
{
    public static string Format(ReconciliationReport report)
    {
        var output = new StringBuilder();
        output.Append(report.IsClean
            ? "Reconciliation: CLEAN\n\n"
            : $"Reconciliation: {N(report.Discrepancies.Count)} {(report.Discrepancies.Count == 1 ? "DISCREPANCY" : "DISCREPANCIES")}\n\n");

        var checks = new TextTable(["Check", "Count", "Result"], 1);
        checks.Add("accepted orders", N(report.Accepted), string.Empty)
            .Add("paid", N(report.Paid), string.Empty)
            .Add("payment_failed", N(report.PaymentFailed), string.Empty)
            .Add("dead_lettered", N(report.DeadLettered), "counted, not a discrepancy");
        foreach (var (kind, count) in KindCounts(report))
        {
            checks.Add(kind, N(count), count == 0 ? "ok" : "FAIL");
        }

        checks.WriteTo(output);
        output.Append('\n');
        new TextTable(["Source", "Count"], 1)
            .Add("orders in ORDERS", N(report.OrdersInStream))
            .Add("order-status entries", N(report.StatusEntries))
            .Add("orders with a dead letter", N(report.DeadLetters))
            .Add("provider charges", N(report.Charges))
            .Add("provider charges succeeded", N(report.SucceededCharges))
            .Add("ledger rows", N(report.LedgerRows))
            .WriteTo(output);

        output.Append('\n');
        var consumers = new TextTable(["Consumer", "Stream", "Pending", "Ack pending", "State"], 2, 3);
        foreach (var consumer in report.Consumers)
        {
            consumers.Add(consumer.Name, consumer.Stream, N(consumer.Pending), N(consumer.AckPending),
                !consumer.Exists ? "missing" : consumer.IsDrained ? "drained" : "NOT DRAINED");
        }

        consumers.WriteTo(output);
        if (!report.IsClean)
        {
            output.Append('\n');
            var discrepancies = new TextTable(["Order id", "Kind", "Detail"]);
            foreach (var discrepancy in report.Discrepancies)
            {
                discrepancies.Add(discrepancy.OrderId ?? "-", discrepancy.Kind, discrepancy.Detail);
            }

            discrepancies.WriteTo(output);
        }

        return output.ToString();
    }

    private static IEnumerable<(string Kind, int Count)> KindCounts(ReconciliationReport report) =>
    [
        (DiscrepancyKinds.Lost, report.Lost),
        (DiscrepancyKinds.Unfinished, report.Unfinished),
        (DiscrepancyKinds.StatusMismatch, report.StatusMismatches),
        (DiscrepancyKinds.ChargedTwice, report.ChargedTwice),
        (DiscrepancyKinds.PaidNotCharged, report.PaidNotCharged),
        (DiscrepancyKinds.FailedButCharged, report.FailedButCharged),
        (DiscrepancyKinds.ChargeWithoutOrder, report.ChargesWithoutOrder),
        (DiscrepancyKinds.OrphanLedgerRow, report.OrphanLedgerRows),
        (DiscrepancyKinds.LedgerStatusMismatch, report.LedgerStatusMismatches),
        (DiscrepancyKinds.LedgerRowMissing, report.LedgerRowsMissing),
        (DiscrepancyKinds.LedgerChargeMismatch, report.LedgerChargeMismatches),
        (DiscrepancyKinds.ConsumerNotDrained, report.ConsumersNotDrained),
        (DiscrepancyKinds.ConsumerMissing, report.ConsumersMissing),
    ];

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string N(ulong value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
