namespace FunctionsOrders.Contracts.Messaging;

/// <summary>Names of the NATS message headers the system writes and reads.</summary>
public static class MessageHeaders
{
    /// <summary>JetStream de-duplication key; the order id for <c>OrderCreated</c>.</summary>
    public const string MessageId = "Nats-Msg-Id";

    /// <summary>W3C trace context.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>W3C trace state.</summary>
    public const string TraceState = "tracestate";

    /// <summary>Media type of the payload; always <see cref="ProtobufContentType"/> for events.</summary>
    public const string ContentType = "Content-Type";

    /// <summary>Full protobuf name of the payload's message type, e.g. <c>orders.v1.OrderCreated</c>.</summary>
    public const string EventType = "Event-Type";

    /// <summary>Media type of protobuf payloads and dispatch bodies.</summary>
    public const string ProtobufContentType = "application/x-protobuf";

    /// <summary>
    /// Prefix of the JetStream headers that make a publish conditional (<c>Nats-Expected-Last-Subject-Sequence</c>
    /// and the like). They are stored with the message, so a copy published elsewhere (a dead letter, a replay) must
    /// leave them out, or the server checks the copy against the original's condition and refuses it.
    /// </summary>
    public const string PublishConditionPrefix = "Nats-Expected-";

    /// <summary>True for a header a copy of the message must not carry: a publish condition or a dead letter's own.</summary>
    public static bool IsNotCopied(string name) =>
        name.StartsWith(PublishConditionPrefix, StringComparison.OrdinalIgnoreCase) || name.StartsWith(DeadLetter.Prefix, StringComparison.Ordinal);

    /// <summary>Headers added to a dead-lettered copy of a message.</summary>
    public static class DeadLetter
    {
        /// <summary>What every dead-letter header starts with.</summary>
        public const string Prefix = "DeadLetter-";

        /// <summary>Why the message was dead-lettered, machine-readable.</summary>
        public const string Reason = "DeadLetter-Reason";

        /// <summary>Bridge route that gave up on the message.</summary>
        public const string Route = "DeadLetter-Route";

        /// <summary>Stream the original message was in.</summary>
        public const string Stream = "DeadLetter-Stream";

        /// <summary>Subject the original message was published to; replay publishes back to it.</summary>
        public const string OriginalSubject = "DeadLetter-Original-Subject";

        /// <summary>Nats-Msg-Id of the original message, if it had one.</summary>
        public const string OriginalMessageId = "DeadLetter-Original-Msg-Id";

        /// <summary>Stream sequence of the original message.</summary>
        public const string StreamSequence = "DeadLetter-Stream-Sequence";

        /// <summary>How many times the original message had been delivered.</summary>
        public const string DeliveryCount = "DeadLetter-Delivery-Count";

        /// <summary>When the message was dead-lettered, ISO 8601 UTC.</summary>
        public const string Time = "DeadLetter-Time";
    }
}
