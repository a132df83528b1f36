using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// How fast messages reach a route's stream, so that a lingering batch waits no longer than it takes to fill: on a
/// busy route the batch would be full long before <c>Linger</c> ends, and the rest of the wait would only hold a
/// dispatch slot and add latency.
/// </summary>
/// <remarks>
/// Two kinds of batch tell the rate. A full batch, by the store times of its messages (first deliveries only: a
/// redelivered message was stored long before). A batch that lingered and came back short, by how many messages
/// joined it during the wait: a short batch after a short wait says the rate was read too high, and the next batch
/// waits longer again. Other batches (a message alone on a quiet route, a partial batch that did not wait) leave the
/// rate as it was. Used by one route's fetch loop only: not thread-safe.
/// </remarks>
internal sealed class ArrivalRate
{
    /// <summary>Messages a second as last told; 0 until a batch told (or when the last lingering batch got no company).</summary>
    public double PerSecond { get; private set; }

    /// <summary>Updates the rate from a fetched batch of a route whose batches hold <paramref name="batchSize"/>, after a wait of <paramref name="lingered"/> (zero when it did not linger).</summary>
    public void Observe(IReadOnlyList<INatsJSMsg<byte[]>> batch, int batchSize, TimeSpan lingered)
    {
        if (batch.Count >= batchSize)
        {
            ObserveFull(batch);
        }
        else if (lingered > TimeSpan.Zero && batch.Count > 0)
        {
            PerSecond = (batch.Count - 1) / lingered.TotalSeconds;
        }
    }

    /// <summary>
    /// How long a batch that starts with a message after which <paramref name="numPending"/> more are waiting should
    /// wait for company: <paramref name="linger"/>, or less when the batch fills sooner at the rate last told.
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

    private void ObserveFull(IReadOnlyList<INatsJSMsg<byte[]>> batch)
    {
        var count = 0;
        var first = DateTimeOffset.MaxValue;
        var last = DateTimeOffset.MinValue;
        foreach (var message in batch)
        {
            if (message.Metadata is not { NumDelivered: <= 1 } metadata)
            {
                continue;
            }

            count++;
            first = metadata.Timestamp < first ? metadata.Timestamp : first;
            last = metadata.Timestamp > last ? metadata.Timestamp : last;
        }

        if (count >= 2 && last > first)
        {
            PerSecond = (count - 1) / (last - first).TotalSeconds;
        }
    }
}
