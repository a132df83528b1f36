using Google.Protobuf;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>Publishes protobuf events to JetStream and returns only once the stream has stored them.</summary>
public interface IJetStreamPublisher
{
    /// <summary>
    /// Publishes <paramref name="message"/> with <c>Nats-Msg-Id</c> = <paramref name="messageId"/>, the event-type and
    /// content-type headers and the current trace context. Retries with the same id until the deadline.
    /// </summary>
    /// <exception cref="JetStreamPublishException">No PubAck: the reason says why.</exception>
    ValueTask<PublishResult> PublishAsync<T>(string subject, T message, string messageId, CancellationToken cancellationToken = default)
        where T : IMessage<T>;

    /// <summary>
    /// Publishes <paramref name="message"/> as the other overload does, stored only if <paramref name="condition"/>
    /// holds; when it does not, nothing is stored and the result says <see cref="PublishResult.Duplicate"/>.
    /// </summary>
    /// <exception cref="JetStreamPublishException">No PubAck: the reason says why.</exception>
    ValueTask<PublishResult> PublishAsync<T>(string subject, T message, string messageId, PublishCondition condition, CancellationToken cancellationToken = default)
        where T : IMessage<T>;

    /// <summary>Publishes awaiting their PubAck right now.</summary>
    int InFlight { get; }
}
