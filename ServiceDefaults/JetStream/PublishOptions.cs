namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>How events are published to JetStream (configuration section <c>Nats:Publish</c>).</summary>
public sealed class PublishOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Nats:Publish";

    /// <summary>Total time one publish may take, retries included; then it fails with <see cref="PublishFailureReason.DeadlineExceeded"/>. Default 5 s.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time one attempt may wait for the PubAck before it is retried. Default 2 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after the first attempt, each with the same message id. Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Delay before the first retry; doubles each time, with jitter. Default 100 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between retries. Default 1 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Publishes awaiting their PubAck at once; beyond it a publish fails at once with <see cref="PublishFailureReason.InFlightLimitReached"/>. Default 1024.</summary>
    /// <remarks>
    /// What the intake has in flight is its rate times the PubAck's latency: at 1,500 orders/s a pause of 170 ms on
    /// the way to JetStream fills 256, and the orders past it would get 503 though the server stores them a moment later.
    /// </remarks>
    public int MaxInFlight { get; set; } = 1024;
}
