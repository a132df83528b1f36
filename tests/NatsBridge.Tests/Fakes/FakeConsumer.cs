using System.Runtime.CompilerServices;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.NatsBridge.Tests.Fakes;

/// <summary>
/// A pull consumer for unit tests of one class: every fetch delivers one new message at once, or, given a list,
/// fetches deliver those messages one after the other and then nothing.
/// </summary>
internal sealed class FakeConsumer(IReadOnlyList<FakeMessage>? messages = null) : INatsJSConsumer
{
    private long _sequence;
    private int _waitingFetches;
    private int _noWaitFetches;

    /// <summary>Fetches that wait for a message (pull requests with an expiry).</summary>
    public int WaitingFetches => Volatile.Read(ref _waitingFetches);

    /// <summary>Fetches that take only what is there (no-wait pull requests).</summary>
    public int NoWaitFetches => Volatile.Read(ref _noWaitFetches);

    public ConsumerInfo Info => throw new NotSupportedException();

    public IAsyncEnumerable<INatsJSMsg<T>> FetchAsync<T>(NatsJSFetchOpts opts, INatsDeserialize<T>? serializer = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _waitingFetches);
        return (IAsyncEnumerable<INatsJSMsg<T>>)OneMessageAsync(cancellationToken);
    }

    public IAsyncEnumerable<INatsJSMsg<T>> FetchNoWaitAsync<T>(NatsJSFetchOpts opts, INatsDeserialize<T>? serializer = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _noWaitFetches);
        return (IAsyncEnumerable<INatsJSMsg<T>>)OneMessageAsync(cancellationToken);
    }

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
        var next = (int)Interlocked.Increment(ref _sequence);
        if (messages is null)
        {
            yield return new FakeMessage((ulong)next);
        }
        else if (next <= messages.Count)
        {
            yield return messages[next - 1];
        }
        else
        {
            // Nothing left: an idle fetch waits a little, as a real one waits for its expiry.
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
