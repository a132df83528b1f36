using System.Buffers;
using FunctionsOrders.ServiceDefaults.JetStream;
using Google.Protobuf;

namespace FunctionsOrders.Micro.Intake;

/// <summary>
/// Stands in for JetStream: encodes the event with the serializer the real publisher hands to NATS, into a reused
/// buffer as the connection's is, and answers a PubAck at once.
/// </summary>
internal sealed class EncodingPublisher : IJetStreamPublisher
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private ulong _sequence;

    public int InFlight => 0;

    /// <summary>Size of the last encoded event.</summary>
    public int LastSize => _buffer.WrittenCount;

    /// <summary>The last encoded event.</summary>
    public ReadOnlySpan<byte> Last => _buffer.WrittenSpan;

    public ValueTask<PublishResult> PublishAsync<T>(string subject, T message, string messageId, CancellationToken cancellationToken = default)
        where T : IMessage<T> => PublishAsync(subject, message, messageId, PublishCondition.None, cancellationToken);

    public ValueTask<PublishResult> PublishAsync<T>(string subject, T message, string messageId, PublishCondition condition, CancellationToken cancellationToken = default)
        where T : IMessage<T>
    {
        _buffer.ResetWrittenCount();
        ProtobufSerializer.For<T>().Serialize(_buffer, message);
        return ValueTask.FromResult(new PublishResult("ORDERS", ++_sequence, Duplicate: false));
    }
}
