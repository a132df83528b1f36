using System.Reflection;
using Azure.Monitor.OpenTelemetry.Exporter;
using FunctionsOrders.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FunctionsOrders.ServiceDefaults.Extensions;

/// <summary>The defaults every host of the system starts with.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds OpenTelemetry traces, metrics and logs for a host named <paramref name="serviceName"/>: every
    /// <c>FunctionsOrders.*</c> source and meter, the Functions worker and outgoing HTTP calls, and the NATS client's
    /// own spans only when <c>Telemetry:NatsClientSpans</c> is true (see <see cref="TelemetryExport.NatsClientSpans"/>).
    /// Exports over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and to Azure Monitor when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set; with neither, nothing is exported. Per-call library logs
    /// start at Warning (<see cref="LoggingDefaults"/>).
    /// </summary>
    /// <param name="builder">The host to configure.</param>
    /// <param name="serviceName">The <c>service.name</c> of the host's telemetry.</param>
    /// <returns>The OpenTelemetry builder, for a host to add its own instrumentation (ASP.NET Core, say).</returns>
    public static IOpenTelemetryBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        LoggingDefaults.Apply(builder);
        var natsClientSpans = TelemetryExport.NatsClientSpans(builder.Configuration);
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: version, autoGenerateServiceInstanceId: true))
            .WithTracing(tracing =>
            {
                tracing.AddSource(TelemetrySources.FunctionsOrders, TelemetrySources.FunctionsWorker)
                    .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request => !TelemetrySources.IsWorkerChannel(request.RequestUri));
                if (natsClientSpans)
                {
                    tracing.AddSource(TelemetrySources.NatsClient);
                }
            })
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetrySources.FunctionsOrders)
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });

        if (TelemetryExport.UsesOtlp(builder.Configuration))
        {
            otel.UseOtlpExporter();
        }

        if (TelemetryExport.AzureMonitorConnectionString(builder.Configuration) is { } connectionString)
        {
            var sampling = TelemetryExport.AzureMonitorSampling(builder.Configuration);
            var storage = builder.Configuration[TelemetryExport.StorageDirectoryKey];
            otel.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                if (sampling is var (ratio, perSecond))
                {
                    options.SamplingRatio = ratio;
                    options.TracesPerSecond = perSecond;
                }

                if (!string.IsNullOrEmpty(storage))
                {
                    options.StorageDirectory = storage;
                }
            });
        }

        return otel;
    }
}
