namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>What the stream must hold for a publish to be stored.</summary>
public enum PublishCondition
{
    /// <summary>Nothing: the message is stored unless one with the same id was stored within the duplicate window.</summary>
    None,

    /// <summary>
    /// Its subject holds no message yet (expected last subject sequence 0), for as long as the stream keeps messages,
    /// not only within the duplicate window. When it holds one, nothing is stored and the result is
    /// <see cref="PublishResult.Duplicate"/>, as for a repeated message id.
    /// </summary>
    FirstOnSubject,
}
