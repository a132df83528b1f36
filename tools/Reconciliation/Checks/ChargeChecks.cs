using FunctionsOrders.Reconciliation.Sources;

namespace FunctionsOrders.Reconciliation.Checks;

/// <summary>
/// No order is charged twice or charged without having been accepted; a Paid order has a succeeded charge and a
/// PaymentFailed order has none.
/// </summary>
internal static class ChargeChecks
{
    public static void Run(CheckContext context)
    {
        var byOrder = ByOrder(context.Snapshot.Charges);
        foreach (var (orderId, charges) in byOrder)
        {
            var succeeded = charges.Where(c => c.IsSucceeded).ToList();
            if (succeeded.Count > 1)
            {
                context.Add(DiscrepancyKinds.ChargedTwice, orderId, $"{succeeded.Count} succeeded charges: {Ids(succeeded)}");
            }

            if (!context.InOrders(orderId))
            {
                context.Add(DiscrepancyKinds.ChargeWithoutOrder, orderId,
                    $"{charges.Count} charge(s) ({string.Join(", ", charges.Select(c => $"{c.Id} {c.Status}"))}) for an order never in {context.Topology.OrdersStream}");
            }
        }

        foreach (var (order, status) in context.FinishedAccepted())
        {
            var succeeded = byOrder.TryGetValue(order.OrderId, out var charges) ? charges.Count(c => c.IsSucceeded) : 0;
            if (status.Status == FinalStatuses.Paid && succeeded == 0)
            {
                context.Add(DiscrepancyKinds.PaidNotCharged, order.OrderId,
                    $"status Paid (payment id {status.PaymentId ?? "none"}) but the provider has no succeeded charge for it");
            }
            else if (status.Status == FinalStatuses.PaymentFailed && succeeded > 0)
            {
                context.Add(DiscrepancyKinds.FailedButCharged, order.OrderId,
                    $"status PaymentFailed ({status.FailureReason ?? "no reason"}) but the provider holds {Ids(charges!.Where(c => c.IsSucceeded))} succeeded");
            }
        }
    }

    public static Dictionary<string, List<ProviderCharge>> ByOrder(IEnumerable<ProviderCharge> charges)
    {
        var byOrder = new Dictionary<string, List<ProviderCharge>>(StringComparer.Ordinal);
        foreach (var charge in charges)
        {
            if (!byOrder.TryGetValue(charge.OrderId, out var list))
            {
                byOrder[charge.OrderId] = list = [];
            }

            list.Add(charge);
        }

        return byOrder;
    }

    private static string Ids(IEnumerable<ProviderCharge> charges) => string.Join(", ", charges.Select(c => c.Id));
}
