using FunctionsOrders.SystemHarness;
using System.Diagnostics;
using FunctionsOrders.ServiceDefaults.Extensions;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.ServiceDefaults.Telemetry;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace FunctionsOrders.ServiceDefaults.Tests;

public sealed class TelemetryDefaultsTests
{
    private static readonly Type OtlpExporterType = typeof(OtlpExporterOptions);

    [Fact]
    public async Task Without_an_otlp_endpoint_no_otlp_exporter_is_registered_and_the_host_starts()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var builder = CreateBuilder(otlpEndpoint: null);
        builder.AddServiceDefaults("test-service");

        Assert.DoesNotContain(builder.Services, IsFromOtlpExporter);
        using var host = builder.Build();
        await host.StartAsync(cts.Token);
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        await host.StopAsync(cts.Token);
    }

    [Fact]
    public void With_an_otlp_endpoint_the_otlp_exporter_is_registered()
    {
        var builder = CreateBuilder(otlpEndpoint: "http://127.0.0.1:4317");
        builder.AddServiceDefaults("test-service");

        Assert.Contains(builder.Services, IsFromOtlpExporter);
    }

    [Theory]
    [InlineData(MessagingTelemetry.ActivitySourceName)]
    [InlineData("FunctionsOrders.NatsBridge")]
    [InlineData("FunctionsOrders.PaymentFunctions")]
    [InlineData("Microsoft.Azure.Functions.Worker")]
    public async Task Spans_of_the_system_sources_are_collected_with_the_service_name(string sourceName)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exported = new List<Activity>();
        using var host = await StartHostAsync(exported, cts.Token);

        using var source = sourceName == MessagingTelemetry.ActivitySourceName ? null : new ActivitySource(sourceName);
        var traceId = RecordSpan(source ?? MessagingTelemetry.Source);
        var provider = host.Services.GetRequiredService<TracerProvider>();
        provider.ForceFlush();

        Assert.Contains(exported, a => a.TraceId == traceId && a.Source.Name == sourceName);
        var resource = provider.GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("test-service", resource["service.name"]);
        Assert.True(resource.ContainsKey("service.instance.id"));
        await host.StopAsync(cts.Token);
    }

    [Fact]
    public async Task By_default_the_nats_client_spans_are_left_out_and_the_system_spans_are_collected()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exported = new List<Activity>();
        using var host = await StartHostAsync(exported, cts.Token);

        using var nats = new ActivitySource("NATS.Net");
        ActivityTraceId? natsTrace;
        using (var activity = nats.StartActivity("test span", ActivityKind.Producer))
        {
            // Null when nothing listens to the source, as in the process this host runs in alone.
            natsTrace = activity?.TraceId;
        }

        var ownTrace = RecordSpan(MessagingTelemetry.Source);
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Assert.DoesNotContain(exported, a => a.Source.Name == "NATS.Net" || a.TraceId == natsTrace);
        Assert.Contains(exported, a => a.TraceId == ownTrace && a.Source.Name == MessagingTelemetry.ActivitySourceName);
        await host.StopAsync(cts.Token);
    }

    [Fact]
    public async Task With_Telemetry_NatsClientSpans_true_the_nats_client_spans_are_collected()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exported = new List<Activity>();
        using var host = await StartHostAsync(exported, cts.Token, natsClientSpans: "true");

        using var nats = new ActivitySource("NATS.Net");
        var traceId = RecordSpan(nats);
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Assert.Contains(exported, a => a.TraceId == traceId && a.Source.Name == "NATS.Net");
        await host.StopAsync(cts.Token);
    }

    [Fact]
    public void A_Telemetry_NatsClientSpans_that_is_not_a_boolean_is_refused_by_name()
    {
        var builder = CreateBuilder(otlpEndpoint: null);
        builder.Configuration["Telemetry:NatsClientSpans"] = "sometimes";

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceDefaults("test-service"));

        Assert.Contains("Telemetry:NatsClientSpans", error.Message);
        Assert.Contains("sometimes", error.Message);
    }

    [Fact]
    public async Task Spans_of_unrelated_sources_are_not_collected()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exported = new List<Activity>();
        using var host = await StartHostAsync(exported, cts.Token);

        using var source = new ActivitySource("Someone.Else");
        using (source.StartActivity("test span", ActivityKind.Producer))
        {
        }

        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Assert.DoesNotContain(exported, a => a.Source.Name == "Someone.Else");
        await host.StopAsync(cts.Token);
    }

    [Fact]
    public async Task The_workers_channel_to_its_host_makes_no_span_while_other_outgoing_calls_do()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exported = new List<Activity>();
        using var host = await StartHostAsync(exported, cts.Token);

        // Nothing listens there: each call fails to connect, and the HTTP client's span is made all the same.
        var port = FreePort.Next();
        using var http = new HttpClient();
        foreach (var path in new[] { "AzureFunctionsRpcMessages.FunctionRpc/EventStream", "api/orders" })
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri($"http://127.0.0.1:{port}/{path}"), null, cts.Token));
        }

        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var paths = exported.Where(a => a.Source.Name == "System.Net.Http").Select(a => a.GetTagItem("url.full") as string).ToList();
        Assert.Contains($"http://127.0.0.1:{port}/api/orders", paths);
        Assert.DoesNotContain(paths, p => p is not null && p.Contains("FunctionRpc", StringComparison.Ordinal));
        await host.StopAsync(cts.Token);
    }

    /// <summary>
    /// The first span of a process reaches Application Insights: the exporter's own default sampler (a few traces a
    /// second, counted from zero at start, decided by each process alone) would drop it.
    /// </summary>
    [Fact]
    public async Task With_an_Application_Insights_connection_string_spans_reach_its_ingestion_endpoint_as_the_service_named()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var ingestion = await AzureMonitorIngestion.StartAsync();
        var builder = CreateBuilder(otlpEndpoint: null);
        var storage = Directory.CreateTempSubdirectory("azure-monitor-").FullName;
        builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ingestion.ConnectionString;
        builder.Configuration["Telemetry:AzureMonitor:StorageDirectory"] = storage;
        builder.AddServiceDefaults("test-service");
        using var host = builder.Build();
        await host.StartAsync(cts.Token);

        var traceId = RecordSpan(MessagingTelemetry.Source);
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        await Poll.UntilAsync(() => ingestion.Items.Any(i => i.OperationId == traceId.ToHexString()), TimeSpan.FromSeconds(30),
            $"the span at the ingestion endpoint ({ingestion.Items.Count} items there)", cancellationToken: cts.Token);
        var item = ingestion.Items.First(i => i.OperationId == traceId.ToHexString());
        Assert.Equal("test-service", item.RoleName);
        await host.StopAsync(cts.Token);
        host.Dispose();
        FreePortRetry.DeleteDirectory(storage);
    }

    [Theory]
    [InlineData("Telemetry:AzureMonitor:SamplingRatio", "1.5")]
    [InlineData("Telemetry:AzureMonitor:SamplingRatio", "half")]
    [InlineData("Telemetry:AzureMonitor:SamplingRatio", "NaN")]
    [InlineData("Telemetry:AzureMonitor:TracesPerSecond", "0")]
    [InlineData("Telemetry:AzureMonitor:TracesPerSecond", "Infinity")]
    public void A_bad_Azure_Monitor_sampling_setting_is_refused_naming_the_key(string key, string value)
    {
        var builder = CreateBuilder(otlpEndpoint: null);
        builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";
        builder.Configuration[key] = value;

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceDefaults("test-service"));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_Monitor_keeps_every_trace_unless_told_otherwise_and_leaves_OTEL_TRACES_SAMPLER_its_say()
    {
        var configuration = CreateBuilder(otlpEndpoint: null).Configuration;
        Assert.Equal((1F, (double?)null), TelemetryExport.AzureMonitorSampling(configuration));

        configuration["OTEL_TRACES_SAMPLER"] = "microsoft.rate_limited";
        Assert.Null(TelemetryExport.AzureMonitorSampling(configuration));

        configuration["Telemetry:AzureMonitor:SamplingRatio"] = "0.25";
        Assert.Equal((0.25F, (double?)null), TelemetryExport.AzureMonitorSampling(configuration));
    }

    private static ActivityTraceId RecordSpan(ActivitySource source)
    {
        using var activity = source.StartActivity("test span", ActivityKind.Producer);
        Assert.NotNull(activity);
        return activity.TraceId;
    }

    /// <summary>A host with the defaults (no exporter configured) whose finished spans go to <paramref name="exported"/>.</summary>
    private static async Task<IHost> StartHostAsync(List<Activity> exported, CancellationToken cancellationToken, string? natsClientSpans = null)
    {
        var builder = CreateBuilder(otlpEndpoint: null);
        builder.Configuration["Telemetry:NatsClientSpans"] = natsClientSpans;
        builder.AddServiceDefaults("test-service");
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static HostApplicationBuilder CreateBuilder(string? otlpEndpoint)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint ?? string.Empty;
        builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] = string.Empty;
        return builder;
    }

    private static bool IsFromOtlpExporter(ServiceDescriptor descriptor) =>
        descriptor.ServiceType.Assembly == OtlpExporterType.Assembly
        || descriptor.ServiceType.GenericTypeArguments.Any(t => t.Assembly == OtlpExporterType.Assembly)
        || (!descriptor.IsKeyedService && descriptor.ImplementationType?.Assembly == OtlpExporterType.Assembly);
}
