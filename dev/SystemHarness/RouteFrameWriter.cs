using System.Diagnostics;
using System.Threading.Channels;

namespace FunctionsOrders.SystemHarness;

/// <summary>
/// Writes whole route frames to a node: some at once, the others held back in order and written when due, never
/// one frame inside another.
/// </summary>
internal sealed class RouteFrameWriter(Stream stream) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Channel<(byte[] Bytes, long Due)> _held = Channel.CreateUnbounded<(byte[] Bytes, long Due)>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public async Task WriteAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(frame, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Queues <paramref name="frame"/> behind those already held, to be written <paramref name="delay"/> from now at the earliest.</summary>
    public void Hold(byte[] frame, TimeSpan delay) =>
        _held.Writer.TryWrite((frame, Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency)));

    /// <summary>No more frames will be held.</summary>
    public void Complete() => _held.Writer.TryComplete();

    /// <summary>Writes the held frames as they fall due, until <see cref="Complete"/>.</summary>
    public async Task WriteHeldAsync(CancellationToken cancellationToken)
    {
        await foreach (var (frame, due) in _held.Reader.ReadAllAsync(cancellationToken))
        {
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
            }

            await WriteAsync(frame, cancellationToken);
        }
    }

    public void Dispose() => _lock.Dispose();
}
