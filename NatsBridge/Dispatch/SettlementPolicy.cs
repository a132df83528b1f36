using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.NatsBridge.Routing;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// Turns a function's outcome for one message into a settlement. Pure: no I/O. Only the function's verdict on a
/// message (REJECT, or a RETRY of something it tried) moves the message towards the dead-letter stream; a RETRY that
/// says nothing was tried is held and dispatched again without spending a delivery.
/// </summary>
internal static class SettlementPolicy
{
    public const string MissingOutcome = "missing_outcome";
    public const string MaxDeliveries = "max_deliveries";
    public const string DispatchFailed = "dispatch_failed";

    /// <summary>Settlement of a message whose batch got an answer; <paramref name="outcome"/> null when the answer left it out.</summary>
    public static SettleAction Decide(MessageOutcome? outcome, ulong deliveryCount, BridgeRouteOptions route)
    {
        if (outcome is null || outcome.Outcome == Outcome.Unspecified)
        {
            return Retry(null, MissingOutcome, deliveryCount, route);
        }

        var asked = outcome.RetryDelay?.ToTimeSpan();
        return outcome.Outcome switch
        {
            Outcome.Ack => SettleAction.Ack(),
            Outcome.Reject => SettleAction.DeadLetter(string.IsNullOrEmpty(outcome.Reason) ? "rejected" : outcome.Reason),
            _ when IsNothingTried(outcome.Reason) => SettleAction.Hold(asked is { } d && d > TimeSpan.Zero ? d : TimeSpan.Zero, outcome.Reason),
            _ => Retry(asked, string.IsNullOrEmpty(outcome.Reason) ? "retry" : outcome.Reason, deliveryCount, route),
        };
    }

    /// <summary>
    /// Settlement of a message that failed as a batch of its own while the function answered an empty probe just
    /// before: the message itself makes the function fail, so it spends its budget like a RETRY.
    /// </summary>
    public static SettleAction FailedAlone(ulong deliveryCount, BridgeRouteOptions route) =>
        Retry(null, DispatchFailed, deliveryCount, route);

    /// <summary>True for the RETRY reasons that say the function tried nothing for the message.</summary>
    public static bool IsNothingTried(string reason) => reason is OutcomeReasons.BreakerOpen or OutcomeReasons.NotStarted;

    private static SettleAction Retry(TimeSpan? asked, string reason, ulong deliveryCount, BridgeRouteOptions route)
    {
        if (deliveryCount >= (ulong)route.MaxDeliver)
        {
            return SettleAction.DeadLetter($"{MaxDeliveries}:{reason}");
        }

        var delay = asked is { } d && d > TimeSpan.Zero ? d : route.BackoffFor(deliveryCount);
        return SettleAction.Nak(delay, reason);
    }
}
