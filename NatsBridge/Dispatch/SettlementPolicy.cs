using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.NatsBridge.Routing;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>Turns a function's outcome for one message into a settlement. Pure: no I/O.</summary>
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

        return outcome.Outcome switch
        {
            Outcome.Ack => SettleAction.Ack(),
            Outcome.Reject => SettleAction.DeadLetter(string.IsNullOrEmpty(outcome.Reason) ? "rejected" : outcome.Reason),
            _ => Retry(outcome.RetryDelay?.ToTimeSpan(), string.IsNullOrEmpty(outcome.Reason) ? "retry" : outcome.Reason, deliveryCount, route),
        };
    }

    /// <summary>Settlement of a message whose whole batch failed (timeout, 5xx, refused, unreadable answer).</summary>
    public static SettleAction BatchFailed(ulong deliveryCount, BridgeRouteOptions route, TimeSpan? delay = null) =>
        Retry(delay, DispatchFailed, deliveryCount, route);

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
