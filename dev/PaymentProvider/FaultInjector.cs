namespace FunctionsOrders.PaymentProvider;

/// <summary>Holds the current <see cref="Faults"/> and applies them to a request.</summary>
internal sealed class FaultInjector(TimeProvider time, IHostApplicationLifetime lifetime)
{
    private Faults _faults = new();

    public Faults Current => Volatile.Read(ref _faults);

    public void Set(Faults faults) => Volatile.Write(ref _faults, faults);

    /// <summary>True when this request should fail as the provider being down or flaky.</summary>
    public bool ShouldFail()
    {
        var faults = Current;
        return faults.Outage || (faults.FailureRate > 0 && Random.Shared.NextDouble() < faults.FailureRate);
    }

    /// <summary>Waits the injected latency. It is not cut short when the caller gives up: a slow provider still finishes its work.</summary>
    public Task DelayAsync()
    {
        var latency = Current.LatencyMs;
        return latency == 0
            ? Task.CompletedTask
            : Task.Delay(TimeSpan.FromMilliseconds(latency), time, lifetime.ApplicationStopping);
    }
}
