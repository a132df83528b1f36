using Microsoft.Extensions.Logging;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// While a batch is with the bridge (dispatched, or held for another dispatch), tells the server every
/// <c>interval</c> that its held messages are still being worked on, so the server never redelivers them to another
/// bridge meanwhile. A failed keep-alive is logged and tried again at the next tick; it never ends the loop.
/// </summary>
internal sealed class InProgressAcks : IDisposable
{
    private static readonly TimeSpan MinimumPeriod = TimeSpan.FromMilliseconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer? _timer;
    private readonly Task _loop;

    public InProgressAcks(HeldMessages held, TimeSpan interval, TimeProvider time, ILogger logger, string route)
    {
        // A period under a millisecond is one the timer refuses; the validator allows any positive interval.
        _timer = interval > TimeSpan.Zero ? new PeriodicTimer(interval < MinimumPeriod ? MinimumPeriod : interval, time) : null;
        _loop = _timer is not null ? RunAsync(held, _timer, logger, route, _stop.Token) : Task.CompletedTask;
    }

    /// <summary>Ends the keep-alives; never throws.</summary>
    /// <remarks>
    /// The wait for the next tick ends by disposing the timer, which completes it with false, not by cancelling it:
    /// every batch stops its keep-alives, and a cancelled wait would throw (and build a stack trace) each time.
    /// </remarks>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        _timer?.Dispose();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _timer?.Dispose();
        _stop.Dispose();
    }

    private static async Task RunAsync(HeldMessages held, PeriodicTimer timer, ILogger logger, string route, CancellationToken stop)
    {
        try
        {
            while (await timer.WaitForNextTickAsync() && !stop.IsCancellationRequested)
            {
                var failed = 0;
                Exception? last = null;
                await held.ForEachHeldAsync(
                    async message =>
                    {
                        try
                        {
                            await message.AckProgressAsync(cancellationToken: stop);
                        }
                        catch (Exception ex) when (!stop.IsCancellationRequested && ex is not OutOfMemoryException)
                        {
                            failed++;
                            last = ex;
                        }
                    },
                    stop);
                if (last is not null)
                {
                    Log.InProgressAckFailed(logger, route, failed, last);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the batch is settled.
        }
    }
}
