namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>How the app reaches the payment provider (configuration section <c>Payments:Provider</c>).</summary>
internal sealed class PaymentProviderOptions
{
    public const string SectionName = "Payments:Provider";

    /// <summary>Base URL of the provider's API. Default <c>http://127.0.0.1:7080</c> (the local simulator).</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:7080";

    /// <summary>Time allowed for one HTTP attempt. Default 2 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed for one charge, retries included; well under the consumer's AckWait (30 s). Default 10 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, on transient errors only. Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; grows exponentially with jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest retry delay. Default 2 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed attempts, with no success among them, that open the circuit breaker. Default 5.</summary>
    public int BreakerFailureThreshold { get; set; } = 5;

    /// <summary>How long the breaker stays open before letting one trial call through. Default 15 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Window over which the breaker counts failures. Default 5 s: a success anywhere in the window keeps the breaker
    /// closed, so a long window would keep it closed for that long into an outage that follows steady traffic.
    /// </summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(5);
}
