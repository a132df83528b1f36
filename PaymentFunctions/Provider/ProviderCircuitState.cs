using Polly.CircuitBreaker;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>
/// What the provider's circuit breaker last reported: its state for the breaker-state metric, and when an open
/// circuit lets a trial call through, for the retry delay of messages refused meanwhile.
/// </summary>
internal sealed class ProviderCircuitState(TimeProvider time)
{
    private readonly Lock _lock = new();
    private CircuitState _state = CircuitState.Closed;
    private DateTimeOffset _openUntil;

    public CircuitState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Time until an open circuit lets a trial call through; zero when it is not open.</summary>
    public TimeSpan RemainingBreak()
    {
        lock (_lock)
        {
            var remaining = _openUntil - time.GetUtcNow();
            return _state == CircuitState.Open && remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    public void Opened(TimeSpan breakDuration)
    {
        lock (_lock)
        {
            _state = CircuitState.Open;
            _openUntil = time.GetUtcNow() + breakDuration;
        }
    }

    public void HalfOpened() => Set(CircuitState.HalfOpen);

    public void Closed() => Set(CircuitState.Closed);

    private void Set(CircuitState state)
    {
        lock (_lock)
        {
            _state = state;
        }
    }
}
