namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>A publish that did not get a PubAck. <see cref="Reason"/> says whether trying later can help.</summary>
public sealed class JetStreamPublishException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JetStreamPublishException(PublishFailureReason reason, string subject, string messageId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Subject = subject;
        MessageId = messageId;
    }

    /// <summary>Why the publish failed.</summary>
    public PublishFailureReason Reason { get; }

    /// <summary>Subject of the message.</summary>
    public string Subject { get; }

    /// <summary>Nats-Msg-Id of the message; publish again with it to stay idempotent.</summary>
    public string MessageId { get; }

    /// <summary>True when the same publish may succeed later (everything but <see cref="PublishFailureReason.Rejected"/>).</summary>
    public bool IsTransient => Reason != PublishFailureReason.Rejected;
}
