using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Routing;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.NatsBridge.Tests;

public sealed class SettlementPolicyTests
{
    private static readonly BridgeRouteOptions Route = new() { MaxDeliver = 3, NakBackoff = "00:00:01,00:00:10" };

    [Fact]
    public void Ack_is_acked() =>
        Assert.Equal(SettleKind.Ack, SettlementPolicy.Decide(new MessageOutcome { Outcome = Outcome.Ack }, 1, Route).Kind);

    [Fact]
    public void Retry_uses_the_asked_delay()
    {
        var action = SettlementPolicy.Decide(new MessageOutcome { Outcome = Outcome.Retry, RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(7)), Reason = "x" }, 1, Route);

        Assert.Equal(SettleAction.Nak(TimeSpan.FromSeconds(7), "x"), action);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 10)]
    public void Retry_without_a_delay_backs_off_by_delivery_count(ulong delivered, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SettlementPolicy.Decide(new MessageOutcome { Outcome = Outcome.Retry }, delivered, Route).Delay);

    [Fact]
    public void Retry_at_the_last_allowed_delivery_is_dead_lettered() =>
        Assert.Equal(SettleAction.DeadLetter("max_deliveries:retry"), SettlementPolicy.Decide(new MessageOutcome { Outcome = Outcome.Retry }, 3, Route));

    [Fact]
    public void Reject_is_dead_lettered_with_the_reason() =>
        Assert.Equal(SettleAction.DeadLetter("invalid_payload"), SettlementPolicy.Decide(new MessageOutcome { Outcome = Outcome.Reject, Reason = "invalid_payload" }, 1, Route));

    [Fact]
    public void Missing_outcome_is_a_retry() =>
        Assert.Equal(SettleAction.Nak(TimeSpan.FromSeconds(1), SettlementPolicy.MissingOutcome), SettlementPolicy.Decide(null, 1, Route));

    [Fact]
    public void Message_failing_alone_backs_off_and_dead_letters_at_the_limit()
    {
        Assert.Equal(SettleAction.Nak(TimeSpan.FromSeconds(10), SettlementPolicy.DispatchFailed), SettlementPolicy.FailedAlone(2, Route));
        Assert.Equal(SettleAction.DeadLetter("max_deliveries:dispatch_failed"), SettlementPolicy.FailedAlone(3, Route));
    }

    [Theory]
    [InlineData("breaker_open")]
    [InlineData("not_started")]
    public void Retry_of_a_message_the_function_did_not_try_is_held_even_past_the_limit(string reason)
    {
        var outcome = new MessageOutcome { Outcome = Outcome.Retry, Reason = reason, RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) };

        Assert.Equal(SettleAction.Hold(TimeSpan.FromSeconds(2), reason), SettlementPolicy.Decide(outcome, 1, Route));
        Assert.Equal(SettleAction.Hold(TimeSpan.FromSeconds(2), reason), SettlementPolicy.Decide(outcome, 7, Route));
    }
}
