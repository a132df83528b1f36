using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.PaymentFunctions.Telemetry;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>Tells the first delivery of an order's message from the later ones.</summary>
internal static class Deliveries
{
    /// <summary>
    /// True for the first delivery of the message the intake published, dispatched for the first time: delivery
    /// count 1, no earlier unanswered dispatch, and <c>Nats-Msg-Id</c> = the order id. A redelivery counts up; a batch
    /// the bridge sends again after a timeout counts its unanswered dispatches; a replay from the dead-letter stream is
    /// a new message whose id is the original one plus <c>-replay-&lt;sequence&gt;</c>; a message published by hand
    /// may have no id at all.
    /// </summary>
    public static bool IsFirst(DispatchMessage message, string orderId) =>
        message.DeliveryCount == 1 && message.UnansweredDispatches == 0 && PaymentTelemetry.Header(message, MessageHeaders.MessageId) == orderId;

    /// <summary>
    /// True when the message may need a search at the provider before a charge (see <see cref="IsFirst"/>), judged
    /// before its payload is read: the order id is the last token of its subject.
    /// </summary>
    public static bool MayNeedSearch(DispatchMessage message) =>
        !IsFirst(message, SubjectNames.LastToken(message.Subject));
}
