using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Tests.Fakes;

/// <summary>
/// A delivered JetStream message for unit tests of one class: it counts in-progress acks and acks, or fails them.
/// <paramref name="numPending"/> is what its metadata says is left for the consumer after it, <paramref name="storedAt"/>
/// when the stream stored it (the Unix epoch when not given), <paramref name="numDelivered"/> its delivery count.
/// </summary>
internal sealed class FakeMessage(ulong sequence, bool failProgress = false, bool failAck = false, ulong numPending = 0, DateTimeOffset? storedAt = null, ulong numDelivered = 1) : INatsJSMsg<byte[]>
{
    private int _progress;
    private int _acks;

    /// <summary>In-progress acks sent (or attempted, when they fail).</summary>
    public int ProgressAcks => Volatile.Read(ref _progress);

    /// <summary>Acks sent (or attempted, when they fail).</summary>
    public int Acks => Volatile.Read(ref _acks);

    public string Subject => $"orders.created.{sequence}";

    public int Size => 0;

    public byte[]? Data => [];

    public NatsHeaders? Headers => null;

    public INatsConnection? Connection => null;

    public NatsJSMsgMetadata? Metadata => new(new NatsJSSequencePair(sequence, sequence), numDelivered, numPending, storedAt ?? DateTimeOffset.UnixEpoch, "ORDERS", "test", string.Empty);

    public string? ReplyTo => null;

    public NatsException? Error => null;

    public void EnsureSuccess()
    {
    }

    public ValueTask ReplyAsync(NatsHeaders? headers = null, string? replyTo = null, NatsPubOpts? opts = null, CancellationToken cancellationToken = default) => default;

    public ValueTask AckAsync(AckOpts? opts = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _acks);
        return failAck ? ValueTask.FromException(new NatsException("ack refused")) : default;
    }

    public ValueTask NakAsync(AckOpts? opts = null, CancellationToken cancellationToken = default) => default;

    public ValueTask AckTerminateAsync(AckOpts? opts = null, CancellationToken cancellationToken = default) => default;

    public ValueTask AckProgressAsync(AckOpts? opts = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _progress);
        return failProgress ? ValueTask.FromException(new NatsException("in-progress ack refused")) : default;
    }
}
