using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.Reconciliation.Sources;

namespace FunctionsOrders.Reconciliation.Checks;

/// <summary>What every check looks at, and where it writes what it found.</summary>
internal sealed class CheckContext(IReadOnlyList<AcceptedOrder> accepted, SystemSnapshot snapshot, JetStreamTopology topology, string ledgerTable)
{
    private readonly List<Discrepancy> _discrepancies = [];

    public IReadOnlyList<AcceptedOrder> Accepted { get; } = accepted;

    public SystemSnapshot Snapshot { get; } = snapshot;

    public JetStreamTopology Topology { get; } = topology;

    public string LedgerTable { get; } = ledgerTable;

    public int Paid { get; private set; }

    public int PaymentFailed { get; private set; }

    public int DeadLettered { get; private set; }

    public IReadOnlyList<Discrepancy> Discrepancies => _discrepancies;

    public bool InOrders(string orderId) => Snapshot.OrderEvents.ContainsKey(orderId);

    /// <summary>The order's status record when it is final, else null.</summary>
    public OrderStatusEntry? FinalStatus(string orderId) =>
        Snapshot.Statuses.TryGetValue(orderId, out var entry) && entry.IsFinal ? entry : null;

    /// <summary>The accepted orders that are in ORDERS and have a final status, with that status.</summary>
    public IEnumerable<(AcceptedOrder Order, OrderStatusEntry Status)> FinishedAccepted()
    {
        foreach (var order in Accepted)
        {
            if (InOrders(order.OrderId) && FinalStatus(order.OrderId) is { } status)
            {
                yield return (order, status);
            }
        }
    }

    public void Add(string kind, string? orderId, string detail) => _discrepancies.Add(new Discrepancy(kind, orderId, detail));

    public void CountFinal(string status)
    {
        if (status == FinalStatuses.Paid)
        {
            Paid++;
        }
        else
        {
            PaymentFailed++;
        }
    }

    public void CountDeadLettered() => DeadLettered++;
}
