using FunctionsOrders.ServiceDefaults.JetStream;
using Google.Protobuf;

namespace FunctionsOrders.OrderFunctions.Tests;

/// <summary>Stands in for JetStream answering every publish as one it already stored.</summary>
internal sealed class DuplicateAckPublisher : IJetStreamPublisher
{
    public int InFlight => 0;

    public ValueTask<PublishResult> PublishAsync<T>(string subject, T message, string messageId, CancellationToken cancellationToken = default)
        where T : IMessage<T> => PublishAsync(subject, message, messageId, PublishCondition.None, cancellationToken);

    public ValueTask<PublishResult> PublishAsync<T>(string subject, T message, string messageId, PublishCondition condition, CancellationToken cancellationToken = default)
        where T : IMessage<T> => ValueTask.FromResult(new PublishResult("ORDERS", 1, Duplicate: true));
}
