namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>What the bridge does with one delivered message.</summary>
/// <param name="Kind">Ack, NAK with delay, dead-letter then terminate, or hold for another dispatch.</param>
/// <param name="Delay">With <see cref="SettleKind.Nak"/> and <see cref="SettleKind.Hold"/>: how long until it is dispatched again.</param>
/// <param name="Reason">Why: the function's reason, or the bridge's own.</param>
internal readonly record struct SettleAction(SettleKind Kind, TimeSpan Delay, string Reason)
{
    public static SettleAction Ack() => new(SettleKind.Ack, TimeSpan.Zero, string.Empty);

    public static SettleAction Nak(TimeSpan delay, string reason) => new(SettleKind.Nak, delay, reason);

    public static SettleAction DeadLetter(string reason) => new(SettleKind.DeadLetter, TimeSpan.Zero, reason);

    public static SettleAction Hold(TimeSpan delay, string reason) => new(SettleKind.Hold, delay, reason);
}
