namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>What the bridge does with one delivered message.</summary>
internal enum SettleKind
{
    /// <summary>Processed: ack.</summary>
    Ack,

    /// <summary>The function asked for another try of this message: NAK with a delay, spending a delivery.</summary>
    Nak,

    /// <summary>Copy to the dead-letter stream, then terminate.</summary>
    DeadLetter,

    /// <summary>Nothing was tried for the message: the bridge keeps it and dispatches it again after a delay.</summary>
    Hold,
}
