namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>How payment batches are handled (configuration section <c>Payments</c>).</summary>
internal sealed class PaymentOptions
{
    public const string SectionName = "Payments";

    /// <summary>Messages of one batch handled at the same time. Default 8.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Retry delay asked of the bridge after a transient failure (provider, ledger, publish). Default 5 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
