namespace FunctionsOrders.FunctionsHttp;

/// <summary>
/// Runs the messages of a dispatched batch concurrently, at most a given number at once, without handing each to the
/// thread pool: every lane starts on the caller's thread and goes on wherever its awaits complete. A batch of a few
/// messages that each wait on a network call so costs no thread wake-ups of its own, where
/// <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
/// queues a work item per lane.
/// </summary>
public static class BatchLanes
{
    /// <summary>
    /// Calls <paramref name="body"/> for each index below <paramref name="count"/>, in order of index, with at most
    /// <paramref name="maxConcurrency"/> calls unfinished at a time. Once <paramref name="cancellationToken"/> fires,
    /// no further call starts and the returned task ends cancelled after the started ones finish; an exception of a
    /// call ends its lane and is rethrown once every lane has finished.
    /// </summary>
    public static Task ForEachAsync(int count, int maxConcurrency, Func<int, Task> body, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentNullException.ThrowIfNull(body);
        if (count == 0)
        {
            return Task.CompletedTask;
        }

        var next = -1;
        var lanes = new Task[Math.Min(count, maxConcurrency)];
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            lanes[lane] = RunLaneAsync();
        }

        return Task.WhenAll(lanes);

        async Task RunLaneAsync()
        {
            for (var index = Interlocked.Increment(ref next); index < count; index = Interlocked.Increment(ref next))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await body(index);
            }
        }
    }
}
