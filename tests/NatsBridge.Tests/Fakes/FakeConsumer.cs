using System.Runtime.CompilerServices;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.NatsBridge.Tests.Fakes;

/// <summary>A pull consumer for unit tests of one class: every fetch delivers one new message at once.</summary>
internal sealed class FakeConsumer : INatsJSConsumer
{
    private long _sequence;

    public ConsumerInfo Info => throw new NotSupportedException();

    public IAsyncEnumerable<INatsJSMsg<T>> FetchAsync<T>(NatsJSFetchOpts opts, INatsDeserialize<T>? serializer = null, CancellationToken cancellationToken = default) =>
        (IAsyncEnumerable<INatsJSMsg<T>>)OneMessageAsync(cancellationToken);

    public IAsyncEnumerable<INatsJSMsg<T>> FetchNoWaitAsync<T>(NatsJSFetchOpts opts, INatsDeserialize<T>? serializer = null, CancellationToken cancellationToken = default) =>
        (IAsyncEnumerable<INatsJSMsg<T>>)OneMessageAsync(cancellationToken);

    public IAsyncEnumerable<INatsJSMsg<T>> ConsumeAsync<T>(INatsDeserialize<T>? serializer = null, NatsJSConsumeOpts? opts = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public ValueTask<INatsJSMsg<T>?> NextAsync<T>(INatsDeserialize<T>? serializer = null, NatsJSNextOpts? opts = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public ValueTask RefreshAsync(CancellationToken cancellationToken = default) => default;

    public ValueTask UnpinAsync(string group, CancellationToken cancellationToken = default) => default;

    public ValueTask<ConsumerResetResponse> ResetAsync(ulong sequence, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    private async IAsyncEnumerable<INatsJSMsg<byte[]>> OneMessageAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return new FakeMessage((ulong)Interlocked.Increment(ref _sequence));
    }
}
