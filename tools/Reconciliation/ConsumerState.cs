namespace FunctionsOrders.Reconciliation;

/// <summary>A durable consumer of the topology as the server reported it.</summary>
/// <param name="Name">Durable name.</param>
/// <param name="Stream">Stream it reads (prefix applied).</param>
/// <param name="Pending">Messages not yet delivered to it (<c>num_pending</c>).</param>
/// <param name="AckPending">Messages delivered and not yet settled (<c>num_ack_pending</c>).</param>
/// <param name="Exists">False when the server has no such consumer.</param>
public sealed record ConsumerState(string Name, string Stream, ulong Pending, ulong AckPending, bool Exists = true)
{
    /// <summary>True when the consumer exists and has nothing pending or unacknowledged.</summary>
    public bool IsDrained => Exists && Pending == 0 && AckPending == 0;
}
