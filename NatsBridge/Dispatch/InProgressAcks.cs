using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// While a batch is being dispatched, tells the server every <c>interval</c> that its messages are still being
/// worked on, so a slow function never makes the server redeliver them to another bridge.
/// </summary>
internal sealed class InProgressAcks : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public InProgressAcks(IReadOnlyList<INatsJSMsg<byte[]>> batch, TimeSpan interval, TimeProvider time)
    {
        _loop = interval > TimeSpan.Zero ? RunAsync(batch, interval, time, _stop.Token) : Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private static async Task RunAsync(IReadOnlyList<INatsJSMsg<byte[]>> batch, TimeSpan interval, TimeProvider time, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                foreach (var message in batch)
                {
                    await message.AckProgressAsync(cancellationToken: stop);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the batch is being settled.
        }
    }
}
