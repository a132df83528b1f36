using Microsoft.Extensions.Logging;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// While a batch is with the bridge (dispatched, or held for another dispatch), tells the server every
/// <c>interval</c> that its held messages are still being worked on, so the server never redelivers them to another
/// bridge meanwhile. A failed keep-alive is logged and tried again at the next tick; it never ends the loop.
/// </summary>
internal sealed class InProgressAcks : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public InProgressAcks(HeldMessages held, TimeSpan interval, TimeProvider time, ILogger logger, string route)
    {
        _loop = interval > TimeSpan.Zero ? RunAsync(held, interval, time, logger, route, _stop.Token) : Task.CompletedTask;
    }

    /// <summary>Ends the keep-alives; never throws.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private static async Task RunAsync(HeldMessages held, TimeSpan interval, TimeProvider time, ILogger logger, string route, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
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
