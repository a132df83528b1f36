namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>Counts invocations in flight; once draining, refuses new ones and signals when the last one ended.</summary>
internal sealed class InFlightTracker
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;
    private bool _draining;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_draining)
            {
                return false;
            }

            _count++;
            return true;
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            _count--;
            if (_draining && _count == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Refuses new invocations from now on; completes when none is left.</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            _draining = true;
            if (_count == 0)
            {
                _drained.TrySetResult();
            }

            return _drained.Task;
        }
    }
}
