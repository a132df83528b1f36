namespace FunctionsOrders.PaymentProvider;

/// <summary>
/// Every charge, keyed by idempotency key. In memory only: a restart forgets all charges, which is fine for a
/// local simulator and would be wrong for anything else.
/// </summary>
internal sealed class ChargeStore(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Charge> _byKey = new(StringComparer.Ordinal);
    private readonly List<Charge> _all = [];
    private long _requests;

    /// <summary>Charge requests received, including those failed by an injected fault.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public void CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>The charge made for <paramref name="idempotencyKey"/>, making it first when there is none.</summary>
    public (Charge Charge, bool Replayed) GetOrCreate(string idempotencyKey, ChargeRequest request)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(idempotencyKey, out var existing))
            {
                return (existing, true);
            }

            var declined = request.CustomerId!.StartsWith(SimulatorDefaults.DeclinePrefix, StringComparison.Ordinal);
            var charge = new Charge(
                "ch_" + Guid.NewGuid().ToString("N"),
                request.OrderId!,
                request.CustomerId,
                request.Amount,
                request.Currency!.ToUpperInvariant(),
                declined ? Charge.Declined : Charge.Succeeded,
                declined ? SimulatorDefaults.CardDeclined : null,
                time.GetUtcNow());
            _byKey.Add(idempotencyKey, charge);
            _all.Add(charge);
            return (charge, false);
        }
    }

    public IReadOnlyList<Charge> All()
    {
        lock (_lock)
        {
            return [.. _all];
        }
    }
}
