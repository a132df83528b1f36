using System.Diagnostics;
using System.Net.Http.Headers;

namespace FunctionsOrders.HostOverhead;

/// <summary>A fixed number of concurrent keep-alive clients sending one scenario's request back to back for a fixed time.</summary>
internal static class LoadRunner
{
    public static async Task<TargetResult> RunAsync(Target target, Scenario scenario, BenchSettings settings)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = target.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await DriveAsync(client, scenario, settings.Concurrency, settings.Warmup);
        var cpuBefore = target.CpuTime();
        var latencies = await DriveAsync(client, scenario, settings.Concurrency, settings.Duration);
        var cpu = target.CpuTime() - cpuBefore;
        return TargetResult.From(target.Name, latencies, settings.Duration, cpu);
    }

    private static async Task<List<double>> DriveAsync(HttpClient client, Scenario scenario, int concurrency, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perClient = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(capacity: 100_000);
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(scenario.Body);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(scenario.ContentType);
                using var response = await client.PostAsync(scenario.Path, content);
                var answer = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode || answer.Length != scenario.ExpectedLength)
                {
                    throw new InvalidOperationException(
                        $"{scenario.Name}: {client.BaseAddress}{scenario.Path} answered {(int)response.StatusCode} with {answer.Length} bytes, expected 2xx with {scenario.ExpectedLength}.");
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return latencies;
        })));
        return [.. perClient.SelectMany(l => l)];
    }
}
