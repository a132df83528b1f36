using System.Diagnostics;
using System.Text.Json;
using FunctionsOrders.LoadGen.Harness;
using FunctionsOrders.LoadGen.Load;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.LoadGen.EndToEnd;

/// <summary>
/// Posts orders open-loop at a fixed rate while watching the order-status bucket, then waits (up to a budget) for
/// every accepted order's final status. A system that cannot keep up still ends within the budget, reporting how
/// many orders were left unfinished.
/// </summary>
internal sealed class EndToEndRunner(OpenLoopRunner runner, TextWriter output)
{
    /// <summary>
    /// One run. With a <paramref name="cpu"/> meter, the CPU each process used from the first POST until the wait
    /// ended goes into the result.
    /// </summary>
    public async Task<EndToEndResult> RunAsync(INatsKVStore statusBucket, double rate, TimeSpan duration, TimeSpan wait, CancellationToken cancellationToken, ProcessCpuMeter? cpu = null)
    {
        var tracker = new OrderTracker();
        await using var watcher = await StatusWatcher.StartAsync(statusBucket, tracker, cancellationToken);
        output.WriteLine($"e2e: {rate:0} orders/s for {duration.TotalSeconds:0} s, watching bucket {statusBucket.Bucket}; then up to {wait.TotalSeconds:0} s for the stragglers");
        var start = Stopwatch.GetTimestamp();
        var cpuAtStart = cpu?.Snapshot();
        var post = await runner.RunAsync("e2e", rate, duration, (body, scheduledAt) => tracker.Accepted(OrderId(body), scheduledAt), cancellationToken);
        output.WriteLine($"e2e POST side: {post.Summary()}");

        var waitStart = Stopwatch.GetTimestamp();
        var lastPrint = waitStart;
        while (tracker.Finished < tracker.AcceptedCount && Stopwatch.GetElapsedTime(waitStart) < wait)
        {
            await Task.Delay(100, cancellationToken);
            if (Stopwatch.GetElapsedTime(lastPrint).TotalSeconds >= 1)
            {
                lastPrint = Stopwatch.GetTimestamp();
                output.WriteLine($"  [e2e] waiting {Stopwatch.GetElapsedTime(waitStart).TotalSeconds,4:0}s: {tracker.Finished} of {tracker.AcceptedCount} final");
            }
        }

        var result = EndToEndResult.From(rate, duration, wait, post, tracker, start);
        if (cpu is not null && cpuAtStart is not null)
        {
            result = result with { Cpu = cpuAtStart.Until(cpu.Snapshot(), tracker.Finished) };
            output.WriteLine($"e2e CPU: {result.Cpu.CpuS:0.#} s over {result.Cpu.WallS:0.#} s ({result.Cpu.CoresBusy:0.##} cores busy), {result.Cpu.CpuMsPerOrder:0.##} ms per finished order; " +
                string.Join(", ", result.Cpu.ByProcess.Select(p => $"{p.Name} {p.CpuMsPerOrder:0.##}")));
        }

        output.WriteLine(result.Summary());
        return result;
    }

    internal static string OrderId(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("orderId", out var id) && id.GetString() is { Length: > 0 } orderId
            ? orderId
            : throw new JsonException("The 202 body has no orderId.");
    }
}
