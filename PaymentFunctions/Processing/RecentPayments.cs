namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>
/// The orders this instance processed lately (the last <see cref="Capacity"/>), so that a first delivery of one of
/// them — the same batch sent to it again — reads the ledger before anything else, as later deliveries do, instead
/// of asking the provider again. Only an optimisation's guard: the ledger's insert-if-absent decides either way.
/// </summary>
/// <remarks>
/// One lock over a set and its arrival order, held for a few hash operations. Not a ConcurrentDictionary: trimming
/// needs the count on every add, and its Count takes every one of its bucket locks.
/// </remarks>
internal sealed class RecentPayments
{
    /// <summary>How many order ids are kept: about 1 MB.</summary>
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _orders = new(StringComparer.Ordinal);
    private readonly Queue<string> _arrival = new();

    /// <summary>How many order ids are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _orders.Count;
            }
        }
    }

    public bool Contains(string orderId)
    {
        lock (_gate)
        {
            return _orders.Contains(orderId);
        }
    }

    public void Add(string orderId)
    {
        lock (_gate)
        {
            if (!_orders.Add(orderId))
            {
                return;
            }

            _arrival.Enqueue(orderId);
            if (_arrival.Count > Capacity)
            {
                _orders.Remove(_arrival.Dequeue());
            }
        }
    }
}
