using System.Text.Json;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.LoadGen.EndToEnd;

/// <summary>
/// Watches the order-status bucket (every key: key = order id, value = the JSON status record) and reports final
/// statuses to the tracker as they are written, instead of polling GET.
/// </summary>
internal sealed class StatusWatcher : IAsyncDisposable
{
    private static readonly NatsKVWatchOpts UpdatesOnly = new() { UpdatesOnly = true, IgnoreDeletes = true };
    private readonly CancellationTokenSource _stop;
    private readonly Task _watch;

    private StatusWatcher(CancellationTokenSource stop, Task watch)
    {
        _stop = stop;
        _watch = watch;
    }

    /// <summary>Starts the watch and returns once it provably sees new writes (a marker key written and seen).</summary>
    public static async Task<StatusWatcher> StartAsync(INatsKVStore store, OrderTracker tracker, CancellationToken cancellationToken)
    {
        var marker = "loadgen-ready-" + Guid.NewGuid().ToString("N");
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = Task.Run(async () =>
        {
            await foreach (var entry in store.WatchAsync<byte[]>(">", opts: UpdatesOnly, cancellationToken: stop.Token))
            {
                if (entry.Key == marker)
                {
                    seen.TrySetResult();
                }
                else if (FinalStatus(entry.Value) is { } paid)
                {
                    tracker.Final(entry.Key, paid);
                }
            }
        }, stop.Token);

        var watcher = new StatusWatcher(stop, watch);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (!seen.Task.IsCompleted)
        {
            await store.PutAsync(marker, new byte[] { 1 }, cancellationToken: deadline.Token);
            await Task.WhenAny(seen.Task, watch, Task.Delay(250, deadline.Token));
            if (watch.IsFaulted)
            {
                await watch;
            }
        }

        await store.DeleteAsync(marker, cancellationToken: cancellationToken);
        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watch;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        _stop.Dispose();
    }

    /// <summary>True for Paid, false for PaymentFailed, null for Pending or anything unreadable.</summary>
    private static bool? FinalStatus(byte[]? value)
    {
        if (value is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.TryGetProperty("status", out var status) ? status.GetString() switch
            {
                "Paid" => true,
                "PaymentFailed" => false,
                _ => null,
            } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
