namespace FunctionsOrders.PaymentProvider;

/// <summary>Holds the current <see cref="Faults"/> and applies them to a request.</summary>
internal sealed class FaultInjector(TimeProvider time, IHostApplicationLifetime lifetime)
{
    private Faults _faults = new();

    public Faults Current => Volatile.Read(ref _faults);

    public void Set(Faults faults) => Volatile.Write(ref _faults, faults);

    /// <summary>The status this API call fails with (an injected error status, or 503 for an outage or the failure rate); null when it goes through.</summary>
    public int? FailureStatus()
    {
        var faults = Current;
        if (faults.ErrorStatus is { } status)
        {
            return status;
        }

        return faults.Outage || (faults.FailureRate > 0 && Random.Shared.NextDouble() < faults.FailureRate)
            ? StatusCodes.Status503ServiceUnavailable
            : null;
    }

    /// <summary>The charge as the API reports it now: with the injected non-final status, if any.</summary>
    public Charge Present(Charge charge) =>
        Current.ChargeStatus is { } status ? charge with { Status = status, Reason = null } : charge;

    /// <summary>
    /// Waits the injected latency, for a charge of <paramref name="customerId"/> (null for a search). It is not cut
    /// short when the caller gives up: a slow provider still finishes its work.
    /// </summary>
    public Task DelayAsync(string? customerId = null)
    {
        var faults = Current;
        var latency = faults.LatencyCustomerPrefix is { Length: > 0 } prefix && customerId?.StartsWith(prefix, StringComparison.Ordinal) != true
            ? 0
            : faults.LatencyMs;
        return latency == 0
            ? Task.CompletedTask
            : Task.Delay(TimeSpan.FromMilliseconds(latency), time, lifetime.ApplicationStopping);
    }
}
