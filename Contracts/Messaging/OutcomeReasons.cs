namespace FunctionsOrders.Contracts.Messaging;

/// <summary>
/// Machine-readable reasons a function puts in a <c>bridge.v1.MessageOutcome</c>. The bridge reads them: for
/// <see cref="BreakerOpen"/> it pauses the route for the retry delay instead of fetching more. A RETRY with
/// <see cref="BreakerOpen"/> or <see cref="NotStarted"/> says nothing was tried for the message: the bridge keeps the
/// message and dispatches it again, without spending its delivery budget.
/// </summary>
public static class OutcomeReasons
{
    /// <summary>RETRY: a circuit breaker in front of a dependency is open; the retry delay is its remaining break time.</summary>
    public const string BreakerOpen = "breaker_open";

    /// <summary>RETRY: the function did not start the message (its time for the batch ran out first); nothing was tried.</summary>
    public const string NotStarted = "not_started";

    /// <summary>RETRY: the message was started but its batch's time budget ran out before it finished.</summary>
    public const string BudgetExhausted = "budget_exhausted";

    /// <summary>REJECT: the payload is not a parseable message of the expected type.</summary>
    public const string InvalidPayload = "invalid_payload";

    /// <summary>REJECT: the message parsed but a field is missing or out of range.</summary>
    public const string InvalidMessage = "invalid_message";

    /// <summary>REJECT: the <c>Event-Type</c> header names a message type the route does not handle.</summary>
    public const string UnexpectedEventType = "unexpected_event_type";

    /// <summary>RETRY: the payment provider failed or could not be reached, retries included.</summary>
    public const string ProviderUnavailable = "provider_unavailable";

    /// <summary>RETRY: the payment provider did not answer within the timeout, retries included.</summary>
    public const string ProviderTimeout = "provider_timeout";

    /// <summary>RETRY: the payment ledger could not be read or written.</summary>
    public const string LedgerUnavailable = "ledger_unavailable";

    /// <summary>RETRY: the resulting event could not be published; the outcome is recorded and is republished on redelivery.</summary>
    public const string PublishFailed = "publish_failed";

    /// <summary>RETRY: an unexpected error; details are in the function's log.</summary>
    public const string InternalError = "internal_error";
}
