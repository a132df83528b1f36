using System.Diagnostics;
using FunctionsOrders.AppHost.Resources;
using Microsoft.Extensions.Hosting;

namespace FunctionsOrders.AppHost;

/// <summary>
/// Says once, on standard output, when every service of the run is ready: the line starts with
/// <see cref="ReadyLine"/> and names the order API and the dashboard. NatsBridge counts as ready only once it consumes
/// on every route (its <c>/readyz</c>), so an order posted after the line goes through at once. Until then, a line every
/// <see cref="ProgressInterval"/> says what is still being waited for.
/// </summary>
internal sealed class ReadyAnnouncement(ResourceNotificationService notifications, ReadyAnnouncement.Run run, TimeProvider time) : BackgroundService
{
    public const string ReadyLine = "FunctionsOrders is ready:";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(20);

    /// <summary>What the announcement names: the resources to wait for and the NATS servers' client URLs.</summary>
    public sealed record Run(IReadOnlyList<string> Resources, IReadOnlyList<NatsNodePorts> NatsNodes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var process = Process.GetCurrentProcess();
        var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        TimeSpan Elapsed() => time.GetUtcNow() - started;
        var waiting = run.Resources.ToDictionary(name => name, name => notifications.WaitForResourceHealthyAsync(name, stoppingToken));
        try
        {
            while (true)
            {
                try
                {
                    await Task.WhenAll(waiting.Values).WaitAsync(ProgressInterval, time, stoppingToken);
                    break;
                }
                catch (TimeoutException)
                {
                    foreach (var done in waiting.Where(w => w.Value.IsCompletedSuccessfully).Select(w => w.Key).ToList())
                    {
                        waiting.Remove(done);
                    }

                    Console.WriteLine($"FunctionsOrders is starting ({Elapsed().TotalSeconds:F0} s): waiting for {string.Join(", ", waiting.Keys.Select(Describe))}");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before every service was ready: nothing to announce.
            return;
        }

        Console.WriteLine(Banner(Elapsed()));
    }

    private string Describe(string resource) =>
        notifications.TryGetCurrentState(resource, out var current) && current.Snapshot.State?.Text is { Length: > 0 } state
            ? $"{resource} ({state}{(current.Snapshot.ExitCode is { } code ? $", exit code {code}" : "")})"
            : resource;

    private string Banner(TimeSpan startedIn)
    {
        var api = Ports.Http(Ports.OrderFunctions) + "/api/orders";
        var lines = new List<string>
        {
            "",
            "================================================================================",
            $"{ReadyLine} order API {api} · dashboard {DashboardDefaults.DashboardUrl} (after {startedIn.TotalSeconds:F0} s)",
            "",
        };
        if (run.NatsNodes.Count > 1)
        {
            lines.Add($" NATS cluster (JetStream, streams and bucket with {run.NatsNodes.Count} replicas):");
            for (var node = 0; node < run.NatsNodes.Count; node++)
            {
                lines.Add($"   nats-{node + 1}:   {run.NatsNodes[node].ClientUrl}   monitoring {Ports.Http(run.NatsNodes[node].Monitor)}");
            }

            lines.Add($"   Leaders:  curl -s '{Ports.Http(run.NatsNodes[0].Monitor)}/jsz?accounts=true&streams=true'");
            lines.Add("");
        }

        lines.AddRange(
        [
            " Place an order, then ask for it (orderId from the answer):",
            $"   curl -i -X POST {api} -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' -d '{{\"customerId\":\"cust-42\",\"currency\":\"EUR\",\"items\":[{{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":19.99}}]}}'",
            $"   curl -s {api}/<orderId>",
            $" Its trace: {DashboardDefaults.DashboardUrl}/traces",
            "",
            " Stop with Ctrl+C (or SIGTERM): every process started here stops.",
            "================================================================================",
        ]);
        return string.Join(Environment.NewLine, lines);
    }
}
