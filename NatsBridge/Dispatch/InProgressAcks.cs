using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// While a batch is with the bridge (dispatched, or held for another dispatch), tells the server every
/// <c>interval</c> that its unsettled messages are still being worked on, so the server never redelivers them to
/// another bridge meanwhile. A failed keep-alive is logged and tried again at the next tick; it never ends the loop.
/// </summary>
internal sealed class InProgressAcks : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public InProgressAcks(Func<IReadOnlyList<INatsJSMsg<byte[]>>> unsettled, TimeSpan interval, TimeProvider time, ILogger logger, string route)
    {
        _loop = interval > TimeSpan.Zero ? RunAsync(unsettled, interval, time, logger, route, _stop.Token) : Task.CompletedTask;
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

    private static async Task RunAsync(
        Func<IReadOnlyList<INatsJSMsg<byte[]>>> unsettled, TimeSpan interval, TimeProvider time, ILogger logger, string route, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var failed = 0;
                Exception? last = null;
                foreach (var message in unsettled())
                {
                    try
                    {
                        await message.AckProgressAsync(cancellationToken: stop);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
                    {
                        failed++;
                        last = ex;
                    }
                }

                if (last is not null)
                {
                    Log.InProgressAckFailed(logger, route, failed, last);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the batch is settled.
        }
    }
}
