namespace FunctionsOrders.ServiceDefaults.Resilience;

/// <summary>Keys of the resilience pipelines registered by the shared defaults.</summary>
public static class ResiliencePipelineNames
{
    /// <summary>Publishing to JetStream: deadline, retries with the same message id, per-attempt timeout.</summary>
    public const string NatsPublish = "nats-publish";
}
