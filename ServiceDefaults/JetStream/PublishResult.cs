namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>The PubAck of a stored message.</summary>
/// <param name="Stream">Stream that stored it.</param>
/// <param name="Sequence">
/// Its stream sequence; when <paramref name="Duplicate"/>, that of the message already stored (0 when the server
/// did not say, as a cluster does for a copy it has not stored yet).
/// </param>
/// <param name="Duplicate">
/// True when nothing new was stored because it was there already: a message with the same id within the duplicate
/// window or, published with <see cref="PublishCondition.FirstOnSubject"/>, any message on its subject.
/// </param>
public readonly record struct PublishResult(string Stream, ulong Sequence, bool Duplicate);
