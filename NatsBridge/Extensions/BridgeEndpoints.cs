using System.Text;
using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Extensions;

/// <summary>The bridge's HTTP surface: liveness, readiness and Prometheus metrics.</summary>
internal static class BridgeEndpoints
{
    public static IEndpointRouteBuilder MapBridgeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (INatsConnection nats, BridgeService bridge, TimeProvider time) =>
        {
            var problems = new List<string>();
            if (nats.ConnectionState != NatsConnectionState.Open)
            {
                problems.Add($"nats: {nats.ConnectionState}");
            }

            if (!bridge.TopologyReady)
            {
                problems.Add("topology: not ensured yet");
            }

            foreach (var worker in bridge.Workers)
            {
                var quiet = time.GetUtcNow() - worker.LastFetch;
                if (worker.LastFetch == default)
                {
                    problems.Add($"route {worker.Route.Name}: not consuming yet");
                }
                else if (!worker.Paused && quiet > worker.Route.Options.FetchExpires * 3 + worker.Route.Options.HttpTimeout)
                {
                    problems.Add($"route {worker.Route.Name}: no fetch for {quiet.TotalSeconds:F0} s");
                }
            }

            return problems.Count == 0 ? Results.Text("ready") : Results.Text(string.Join('\n', problems), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", async (BridgeMetrics metrics, BridgeService bridge, INatsJSContext js, CancellationToken cancellationToken) =>
        {
            var text = new StringBuilder();
            metrics.WritePrometheus(text);
            await WriteConsumerGaugesAsync(text, bridge, js, cancellationToken);
            return Results.Text(text.ToString(), "text/plain; version=0.0.4");
        });
        return app;
    }

    private static async Task WriteConsumerGaugesAsync(StringBuilder text, BridgeService bridge, INatsJSContext js, CancellationToken cancellationToken)
    {
        text.Append("# TYPE bridge_consumer_pending gauge\n# TYPE bridge_consumer_ack_pending gauge\n# TYPE bridge_route_paused gauge\n");
        foreach (var worker in bridge.Workers)
        {
            var route = worker.Route.Name;
            text.Append("bridge_route_paused{route=\"").Append(route).Append("\"} ").Append(worker.Paused ? 1 : 0).Append('\n');
            try
            {
                var info = (await js.GetConsumerAsync(worker.Route.Stream, worker.Route.Consumer, cancellationToken)).Info;
                text.Append("bridge_consumer_pending{route=\"").Append(route).Append("\"} ").Append(info.NumPending).Append('\n');
                text.Append("bridge_consumer_ack_pending{route=\"").Append(route).Append("\"} ").Append(info.NumAckPending).Append('\n');
            }
            catch (NatsException)
            {
                // NATS unreachable: the gauges are left out rather than made up.
            }
        }
    }
}
