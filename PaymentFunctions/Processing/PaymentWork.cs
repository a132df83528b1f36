using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.PaymentFunctions.Ledger;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>
/// One message of a payment batch on its way through the stages of <see cref="ProcessPaymentHandler"/>: charged or
/// found in the ledger, recorded, published. Holds the message's span until it is disposed.
/// </summary>
internal sealed class PaymentWork(DispatchMessage message, Activity? activity) : IDisposable
{
    public DispatchMessage Message { get; } = message;

    public Activity? Activity { get; } = activity;

    public OrderCreated? Order { get; set; }

    /// <summary>The payment to publish: charged now (to be recorded first) or found in the ledger.</summary>
    public PaymentRecord? Record { get; private set; }

    /// <summary>True while <see cref="Record"/> is a new charge that is not in the ledger yet.</summary>
    public bool NeedsRecording { get; private set; }

    /// <summary>The message's answer, once it has one.</summary>
    public MessageOutcome? Outcome { get; private set; }

    public void Charged(PaymentRecord record) => (Record, NeedsRecording) = (record, true);

    public void Recorded(PaymentRecord record) => (Record, NeedsRecording) = (record, false);

    public void Finish(MessageOutcome outcome) => Outcome = outcome;

    public void Dispose() => Activity?.Dispose();
}
