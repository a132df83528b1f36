using FunctionsOrders.NatsBridge.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace FunctionsOrders.NatsBridge.Extensions;

/// <summary>The bridge's meter, and <c>/metrics</c> served from it by OpenTelemetry's Prometheus exporter.</summary>
internal static class BridgeMetricsExtensions
{
    public const string ScrapePath = "/metrics";

    /// <summary>
    /// Registers <see cref="BridgeMetrics"/> and <see cref="RouteGauges"/>, and adds a Prometheus reader to the host's
    /// one MeterProvider: the provider the service defaults build and export over OTLP, or a new one when they are
    /// not used (tests). The Prometheus reader keeps its own cumulative state, whatever temporality the other
    /// readers export with.
    /// </summary>
    public static IServiceCollection AddBridgeMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<BridgeMetrics>();
        services.AddSingleton<RouteGauges>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(BridgeMetrics.MeterName)
            .AddPrometheusExporter(options =>
            {
                // Each scrape reads the counters and the consumers as they are then.
                options.ScrapeResponseCacheDurationMilliseconds = 0;
                // No otel_scope_* labels: the names already say which meter a series comes from.
                options.ScopeInfoEnabled = false;
            }));
        return services;
    }

    /// <summary>Serves the Prometheus text at <c>/metrics</c>, reading the routes' consumers from NATS first.</summary>
    public static IEndpointConventionBuilder MapBridgeMetrics(this IEndpointRouteBuilder app)
    {
        var gauges = app.ServiceProvider.GetRequiredService<RouteGauges>();
        return app.MapPrometheusScrapingEndpoint(ScrapePath, meterProvider: null,
            configureBranchedPipeline: branch => branch.Use((context, next) => gauges.ScrapeAsync(() => next(context), context.RequestAborted)),
            optionsName: null);
    }
}
