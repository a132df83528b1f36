using FunctionsOrders.NatsBridge.Dispatch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;

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
            else if (bridge.Workers.Count == 0)
            {
                problems.Add("routes: not started yet");
            }

            foreach (var worker in bridge.Workers)
            {
                if (worker.ConsumingSince is not { } since)
                {
                    problems.Add($"route {worker.Route.Name}: not consuming yet");
                    continue;
                }

                var quiet = time.GetUtcNow() - (worker.LastFetch > since ? worker.LastFetch : since);
                if (!worker.Paused && quiet > worker.Route.Options.FetchExpires * 3 + worker.Route.Options.HttpTimeout)
                {
                    problems.Add($"route {worker.Route.Name}: no fetch for {quiet.TotalSeconds:F0} s");
                }
            }

            return problems.Count == 0 ? Results.Text("ready") : Results.Text(string.Join('\n', problems), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapBridgeMetrics();
        return app;
    }
}
