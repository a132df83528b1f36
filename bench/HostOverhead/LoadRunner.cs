using System.Diagnostics;

namespace FunctionsOrders.HostOverhead;

/// <summary>A fixed number of concurrent clients sending GETs back to back for a fixed time.</summary>
internal static class LoadRunner
{
    public static async Task<TargetResult> RunAsync(string name, Uri url, BenchSettings settings)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency };
        using var client = new HttpClient(handler);
        await DriveAsync(client, url, settings.Concurrency, settings.Warmup);
        var latencies = await DriveAsync(client, url, settings.Concurrency, settings.Duration);
        return TargetResult.From(name, latencies, settings.Duration);
    }

    private static async Task<List<double>> DriveAsync(HttpClient client, Uri url, int concurrency, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perClient = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(capacity: 100_000);
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(url);
                response.EnsureSuccessStatusCode();
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return latencies;
        })));
        return [.. perClient.SelectMany(l => l)];
    }
}
