using System.Diagnostics;
using System.Net;
using FunctionsOrders.LoadGen.Load;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.LoadGen.EndToEnd;

/// <summary>
/// Orders one at a time on an otherwise idle system: each is posted only once the one before reached its final
/// status, so every figure is the latency of a single order with nothing queued ahead of it.
/// </summary>
internal sealed class SingleOrderRunner(HttpClient client, OrderRequests requests, TextWriter output)
{
    public async Task<SingleOrderResult> RunAsync(INatsKVStore statusBucket, int count, TimeSpan perOrderLimit, CancellationToken cancellationToken)
    {
        var tracker = new OrderTracker();
        await using var watcher = await StatusWatcher.StartAsync(statusBucket, tracker, cancellationToken);
        output.WriteLine($"idle: {count} orders one at a time, each posted once the one before is final");
        for (var i = 0; i < count; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            using var request = requests.Create(i);
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"idle: POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            tracker.Accepted(EndToEndRunner.OrderId(await response.Content.ReadAsByteArrayAsync(cancellationToken)), sent);
            while (tracker.Finished < i + 1 && Stopwatch.GetElapsedTime(sent) < perOrderLimit)
            {
                await Task.Delay(1, cancellationToken);
            }
        }

        var latency = tracker.Latency.Snapshot();
        var result = new SingleOrderResult
        {
            Orders = count,
            Unfinished = count - tracker.Finished,
            SingleOrderP50Ms = latency.Count == 0 ? null : Math.Round(latency.PercentileMs(0.50), 3),
            SingleOrderMaxMs = latency.Count == 0 ? null : Math.Round(latency.MaxMs, 3),
        };
        output.WriteLine($"idle: POST -> final, one order at a time: p50 {result.SingleOrderP50Ms:0.#} ms, max {result.SingleOrderMaxMs:0.#} ms; {result.Unfinished} unfinished");
        return result;
    }
}

/// <summary>Single orders on the idle, warm system: POST (from the moment it was sent) → final status.</summary>
internal sealed record SingleOrderResult
{
    public required int Orders { get; init; }

    /// <summary>Orders without a final status within the per-order limit.</summary>
    public required long Unfinished { get; init; }

    public required double? SingleOrderP50Ms { get; init; }

    public required double? SingleOrderMaxMs { get; init; }
}
