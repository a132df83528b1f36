using System.Buffers;
using Google.Protobuf;
using NATS.Client.Core;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>Serializers for protobuf messages of a type known only as <see cref="IMessage{T}"/>.</summary>
public static class ProtobufSerializer
{
    /// <summary>A serializer that writes any <typeparamref name="T"/> into the connection's buffer.</summary>
    public static INatsSerialize<T> For<T>()
        where T : IMessage<T> => WriteOnly<T>.Instance;

    private sealed class WriteOnly<T> : INatsSerialize<T>
        where T : IMessage<T>
    {
        public static readonly WriteOnly<T> Instance = new();

        public void Serialize(IBufferWriter<byte> bufferWriter, T value) => value.WriteTo(bufferWriter);
    }
}

/// <summary>Writes a protobuf message straight into the connection's buffer, and parses one from a payload.</summary>
public sealed class ProtobufSerializer<T> : INatsSerializer<T>
    where T : IMessage<T>, new()
{
    private static readonly MessageParser<T> Parser = new(() => new T());

    /// <summary>The shared instance; the serializer holds no state.</summary>
    public static readonly ProtobufSerializer<T> Default = new();

    /// <inheritdoc />
    public void Serialize(IBufferWriter<byte> bufferWriter, T value) => value.WriteTo(bufferWriter);

    /// <inheritdoc />
    public T? Deserialize(in ReadOnlySequence<byte> buffer) => Parser.ParseFrom(buffer);

    /// <inheritdoc />
    public INatsSerializer<T> CombineWith(INatsSerializer<T> next) => this;
}
