namespace FunctionsOrders.SystemHarness;

/// <summary>Waits for a condition with a deadline instead of sleeping and hoping.</summary>
public static class Poll
{
    /// <summary>Evaluates <paramref name="condition"/> every <paramref name="interval"/> until it holds; throws <see cref="TimeoutException"/> at the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        var step = interval ?? TimeSpan.FromMilliseconds(50);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                last = ex;
            }

            try
            {
                await Task.Delay(step, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.", last);
            }
        }
    }

    /// <summary>Synchronous-condition overload.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? interval = null, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, interval, cancellationToken);
}
