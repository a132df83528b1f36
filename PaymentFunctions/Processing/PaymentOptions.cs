namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>How payment batches are handled (configuration section <c>Payments</c>).</summary>
internal sealed class PaymentOptions
{
    public const string SectionName = "Payments";

    /// <summary>
    /// Messages of one batch handled at the same time. Default 32: a batch's charges mostly wait on the provider, and
    /// at 8 a full batch of 64 took eight provider round trips in a row, and the payments route fell behind its stream
    /// long before the machine was busy.
    /// </summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>
    /// Time to leave for one message: within a batch's time budget a message is started only while at least this
    /// much is left (its first MaxConcurrency messages always are). The provider's AttemptTimeout plus the ledger and
    /// the publish. Default 3 s; the payments route of the bridge should have the same <c>MessageBudget</c>.
    /// </summary>
    public TimeSpan MessageBudget { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retry delay asked of the bridge after a transient failure (provider, ledger, publish). Default 5 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
