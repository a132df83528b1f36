namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>
/// A gate requests wait at without holding a thread: a test function that holds dozens of requests (a dispatch that
/// times out is sent again and again) would otherwise starve the thread pool the bridge under test shares.
/// </summary>
internal sealed class AsyncGate
{
    private volatile TaskCompletionSource _open = Opened();

    /// <summary>Closes the gate: requests wait from now on.</summary>
    public void Reset()
    {
        var current = _open;
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }

    /// <summary>Opens the gate: every waiting request goes on.</summary>
    public void Set() => _open.TrySetResult();

    /// <summary>Waits until the gate is open, or <paramref name="timeout"/> passed.</summary>
    public Task WaitAsync(TimeSpan timeout) => _open.Task.WaitAsync(timeout).ContinueWith(_ => { }, TaskScheduler.Default);

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
