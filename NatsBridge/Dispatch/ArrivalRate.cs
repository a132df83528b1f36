using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// How fast a route's messages reach its stream, read from the store times of the batches it fetched, so that a
/// lingering batch waits no longer than it takes to fill: on a busy route the batch would be full long before
/// <c>Linger</c> ends, and the rest of the wait would only hold a dispatch slot and add latency.
/// </summary>
/// <remarks>Used by one route's fetch loop only: not thread-safe.</remarks>
internal sealed class ArrivalRate
{
    /// <summary>Messages a second in the last batch that told (two messages or more, stored at different times); 0 until then.</summary>
    public double PerSecond { get; private set; }

    /// <summary>Updates the rate from a fetched batch, in the order fetched; a batch that cannot tell leaves it as it was.</summary>
    public void Observe(IReadOnlyList<INatsJSMsg<byte[]>> batch)
    {
        if (batch.Count < 2
            || batch[0].Metadata?.Timestamp is not { } first
            || batch[^1].Metadata?.Timestamp is not { } last
            || last <= first)
        {
            return;
        }

        PerSecond = (batch.Count - 1) / (last - first).TotalSeconds;
    }

    /// <summary>
    /// How long a batch that starts with a message after which <paramref name="numPending"/> more are waiting should
    /// wait for company: <paramref name="linger"/>, or less when the batch fills sooner at the rate last seen.
    /// </summary>
    public TimeSpan LingerFor(TimeSpan linger, int batchSize, ulong numPending)
    {
        var wanted = batchSize - 1 - (int)Math.Min(numPending, (ulong)Math.Max(batchSize - 1, 0));
        if (wanted <= 0)
        {
            return TimeSpan.Zero;
        }

        var fillSeconds = PerSecond > 0 ? wanted / PerSecond : double.PositiveInfinity;
        return fillSeconds < linger.TotalSeconds ? TimeSpan.FromSeconds(fillSeconds) : linger;
    }
}
