namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>How the app reaches the payment provider (configuration section <c>Payments:Provider</c>).</summary>
internal sealed class PaymentProviderOptions
{
    public const string SectionName = "Payments:Provider";

    /// <summary>Base URL of the provider's API. Default <c>http://127.0.0.1:7080</c> (the local simulator).</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:7080";

    /// <summary>Placeholder in <see cref="SearchPath"/> replaced by the URL-encoded order id.</summary>
    public const string OrderIdPlaceholder = "{orderId}";

    /// <summary>
    /// Path, relative to <see cref="BaseUrl"/>, of the provider's search for the charges of an order, with
    /// <c>{orderId}</c> where the order id goes; asked before charging a redelivered or replayed order that has no
    /// ledger row, because the provider may have forgotten its idempotency key. The answer is
    /// <c>{"data":[{"id","status","reason"}...]}</c>. Default <c>v1/charges/search?order_id={orderId}</c> (the simulator's).
    /// </summary>
    public string SearchPath { get; set; } = "v1/charges/search?order_id=" + OrderIdPlaceholder;

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
