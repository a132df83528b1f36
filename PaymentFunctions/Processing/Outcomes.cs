using FunctionsOrders.Contracts.Bridge.V1;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>Builds the <see cref="MessageOutcome"/> of one message.</summary>
internal static class Outcomes
{
    public static MessageOutcome Ack(DispatchMessage message) =>
        new() { StreamSequence = message.StreamSequence, Outcome = Outcome.Ack };

    public static MessageOutcome Reject(DispatchMessage message, string reason) =>
        new() { StreamSequence = message.StreamSequence, Outcome = Outcome.Reject, Reason = reason };

    public static MessageOutcome Retry(DispatchMessage message, string reason, TimeSpan delay) => new()
    {
        StreamSequence = message.StreamSequence,
        Outcome = Outcome.Retry,
        Reason = reason,
        RetryDelay = Duration.FromTimeSpan(delay),
    };
}
