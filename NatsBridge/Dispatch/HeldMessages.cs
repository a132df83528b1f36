using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// The messages of one batch the bridge still holds, and how often each was sent without an answer. A message is
/// released once, before its settlement is sent; keep-alives and releases take turns, so an in-progress ack never
/// reaches the server after the NAK of the same message (it would reset the NAK's delay to the ack wait).
/// </summary>
internal sealed class HeldMessages(IReadOnlyList<INatsJSMsg<byte[]>> batch) : IDisposable
{
    private readonly bool[] _released = new bool[batch.Count];
    private readonly uint[] _unanswered = new uint[batch.Count];
    private readonly SemaphoreSlim _turn = new(1, 1);

    public INatsJSMsg<byte[]> this[int index] => batch[index];

    /// <summary>Dispatches of the message that got no answer and may have reached the function.</summary>
    public uint Unanswered(int index) => Volatile.Read(ref _unanswered[index]);

    public void CountUnanswered(IEnumerable<int> part)
    {
        foreach (var i in part)
        {
            Interlocked.Increment(ref _unanswered[i]);
        }
    }

    /// <summary>Runs <paramref name="keepAlive"/> for each message still held, while none can be released.</summary>
    public async Task ForEachHeldAsync(Func<INatsJSMsg<byte[]>, Task> keepAlive, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (!_released[i])
                {
                    await keepAlive(batch[i]);
                }
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Releases one message for its settlement; false when it was released already.</summary>
    public async Task<bool> ReleaseAsync(int index)
    {
        await _turn.WaitAsync();
        try
        {
            return !_released[index] && (_released[index] = true);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Releases every message still held and returns them, for handing back.</summary>
    public async Task<List<INatsJSMsg<byte[]>>> ReleaseAllAsync()
    {
        await _turn.WaitAsync();
        try
        {
            var rest = new List<INatsJSMsg<byte[]>>();
            for (var i = 0; i < batch.Count; i++)
            {
                if (!_released[i])
                {
                    _released[i] = true;
                    rest.Add(batch[i]);
                }
            }

            return rest;
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
