using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentProvider;

/// <summary>
/// Every charge, keyed by idempotency key until the key expires (<see cref="SimulatorOptions.IdempotencyKeyTtl"/>).
/// In memory only: a restart forgets all charges, which is fine for a local simulator and would be wrong for
/// anything else.
/// </summary>
internal sealed class ChargeStore(TimeProvider time, IOptions<SimulatorOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Charge> _byKey = new(StringComparer.Ordinal);
    private readonly List<Charge> _all = [];
    private readonly TimeSpan? _keyTtl = options.Value.IdempotencyKeyTtl;
    private long _requests;
    private long _searches;

    /// <summary>Charge requests received, including those failed by an injected fault.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Searches received, including those failed by an injected fault.</summary>
    public long Searches => Interlocked.Read(ref _searches);

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void CountSearch() => Interlocked.Increment(ref _searches);

    /// <summary>
    /// The charge made for <paramref name="idempotencyKey"/>, making it first when there is none; a charge whose key
    /// expired is not found, so the same key charges again (<c>Expired</c> is then true).
    /// </summary>
    public (Charge Charge, bool Replayed, bool Expired) GetOrCreate(string idempotencyKey, ChargeRequest request)
    {
        lock (_lock)
        {
            var expired = false;
            if (_byKey.TryGetValue(idempotencyKey, out var existing))
            {
                if (!IsExpired(existing))
                {
                    return (existing, true, false);
                }

                _byKey.Remove(idempotencyKey);
                expired = true;
            }

            var charge = NewCharge(request);
            _byKey.Add(idempotencyKey, charge);
            _all.Add(charge);
            return (charge, false, expired);
        }
    }

    /// <summary>Idempotency keys still remembered.</summary>
    public int IdempotencyKeys()
    {
        lock (_lock)
        {
            return _byKey.Values.Count(c => !IsExpired(c));
        }
    }

    /// <summary>The charges of an order, oldest first, whether or not their keys expired.</summary>
    public IReadOnlyList<Charge> OfOrder(string orderId)
    {
        lock (_lock)
        {
            return [.. _all.Where(c => c.OrderId == orderId)];
        }
    }

    public IReadOnlyList<Charge> All()
    {
        lock (_lock)
        {
            return [.. _all];
        }
    }

    private bool IsExpired(Charge charge) => _keyTtl is { } ttl && time.GetUtcNow() - charge.CreatedAt >= ttl;

    private Charge NewCharge(ChargeRequest request)
    {
        var declined = request.CustomerId!.StartsWith(SimulatorDefaults.DeclinePrefix, StringComparison.Ordinal);
        return new Charge(
            "ch_" + Guid.NewGuid().ToString("N"),
            request.OrderId!,
            request.CustomerId,
            request.Amount,
            request.Currency!.ToUpperInvariant(),
            declined ? Charge.Declined : Charge.Succeeded,
            declined ? SimulatorDefaults.CardDeclined : null,
            time.GetUtcNow());
    }
}
