namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>Why a publish failed.</summary>
public enum PublishFailureReason
{
    /// <summary>Too many publishes were awaiting their PubAck; nothing was sent.</summary>
    InFlightLimitReached,

    /// <summary>No PubAck within the deadline, retries included. The message may or may not be stored; publishing again with the same id is safe.</summary>
    DeadlineExceeded,

    /// <summary>The server or the stream could not be reached and retries ran out.</summary>
    Unavailable,

    /// <summary>The stream is full and refuses new messages (Discard New).</summary>
    StreamFull,

    /// <summary>The stream refused the message for good (e.g. too large, no stream for the subject).</summary>
    Rejected,
}
