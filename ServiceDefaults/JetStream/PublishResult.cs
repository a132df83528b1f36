namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>The PubAck of a stored message.</summary>
/// <param name="Stream">Stream that stored it.</param>
/// <param name="Sequence">Its stream sequence (of the first copy when <paramref name="Duplicate"/>).</param>
/// <param name="Duplicate">True when a message with the same id was already stored within the duplicate window.</param>
public readonly record struct PublishResult(string Stream, ulong Sequence, bool Duplicate);
