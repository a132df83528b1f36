using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Replay;

/// <summary><c>NatsBridge replay --route &lt;name&gt; [--limit N]</c>: the same configuration as the bridge, no HTTP.</summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = ReplayOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"replay: {error}\n{ReplayOptions.Usage}");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddJetStreamTopology();
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var replayer = new DeadLetterReplayer(
            host.Services.GetRequiredService<INatsJSContext>(), host.Services.GetRequiredService<JetStreamTopology>(), Console.Out);
        try
        {
            await replayer.ReplayAsync(options, timeout.Token);
            return 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"replay: {ex.Message}");
            return 1;
        }
    }
}
