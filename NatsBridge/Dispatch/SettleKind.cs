namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>The three settlements of a message.</summary>
internal enum SettleKind
{
    Ack,
    Nak,
    DeadLetter,
}
