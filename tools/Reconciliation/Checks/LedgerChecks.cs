namespace FunctionsOrders.Reconciliation.Checks;

/// <summary>
/// Every ledger row belongs to an order in ORDERS and agrees with its final status (succeeded ↔ Paid, declined or
/// failed ↔ PaymentFailed); every finished accepted order has a row, naming a charge the provider made.
/// </summary>
internal static class LedgerChecks
{
    public static void Run(CheckContext context)
    {
        var rows = new Dictionary<string, Sources.LedgerRow>(StringComparer.Ordinal);
        foreach (var row in context.Snapshot.LedgerRows)
        {
            rows[row.OrderId] = row;
            if (!context.InOrders(row.OrderId))
            {
                context.Add(DiscrepancyKinds.OrphanLedgerRow, row.OrderId,
                    $"row in {context.LedgerTable} ({row.Status}, charge {Or(row.ChargeId)}) for an order never in {context.Topology.OrdersStream}");
            }
            else if (context.FinalStatus(row.OrderId) is { } status && status.Status != row.ExpectedOrderStatus)
            {
                context.Add(DiscrepancyKinds.LedgerStatusMismatch, row.OrderId,
                    $"ledger says {row.Status}{Because(row.Reason)}, the status bucket says {status.Status}");
            }
        }

        var charges = ChargeChecks.ByOrder(context.Snapshot.Charges);
        foreach (var (order, status) in context.FinishedAccepted())
        {
            if (!rows.TryGetValue(order.OrderId, out var row))
            {
                context.Add(DiscrepancyKinds.LedgerRowMissing, order.OrderId, $"status {status.Status} but no row in {context.LedgerTable}");
                continue;
            }

            var succeeded = charges.TryGetValue(order.OrderId, out var list) ? list.Where(c => c.IsSucceeded).ToList() : [];
            if (row.IsSucceeded && succeeded.Count > 0 && !succeeded.Any(c => c.Id == row.ChargeId))
            {
                context.Add(DiscrepancyKinds.LedgerChargeMismatch, order.OrderId,
                    $"ledger records charge {Or(row.ChargeId)}, the provider's succeeded charge(s): {string.Join(", ", succeeded.Select(c => c.Id))}");
            }
        }
    }

    private static string Or(string value) => value.Length == 0 ? "none" : value;

    private static string Because(string reason) => reason.Length == 0 ? string.Empty : $" ({reason})";
}
