using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FunctionsOrders.PaymentProvider;

/// <summary>Adds incoming-request spans and metrics to the shared telemetry.</summary>
internal static class AspNetCoreTelemetryExtensions
{
    public static IOpenTelemetryBuilder WithAspNetCoreTelemetry(this IOpenTelemetryBuilder otel) => otel
        .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(options =>
            options.Filter = context => !context.Request.Path.StartsWithSegments("/health")))
        .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
}
