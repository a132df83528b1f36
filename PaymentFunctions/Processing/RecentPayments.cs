using System.Collections.Concurrent;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>
/// The orders this instance processed lately (the last <see cref="Capacity"/>), so that a first delivery of one of
/// them — the same batch sent to it again — reads the ledger before anything else, as later deliveries do, instead
/// of asking the provider again. Only an optimisation's guard: the ledger's insert-if-absent decides either way.
/// </summary>
internal sealed class RecentPayments
{
    /// <summary>How many order ids are kept: about 1 MB.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, byte> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _arrival = new();

    public bool Contains(string orderId) => _orders.ContainsKey(orderId);

    public void Add(string orderId)
    {
        if (!_orders.TryAdd(orderId, 0))
        {
            return;
        }

        _arrival.Enqueue(orderId);
        while (_orders.Count > Capacity && _arrival.TryDequeue(out var oldest))
        {
            _orders.TryRemove(oldest, out _);
        }
    }
}
