using System.Text.Json;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>
/// The OTLP/gRPC receiver the system exports its telemetry to (<c>bench/OtlpSink</c>, a process of its own): it counts
/// and drops every export, standing in for the Aspire dashboard of <c>./run.sh</c>, so the services pay for
/// exporting as they do there. Its own CPU is measured apart from the system's.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ExternalProcess _process;
    private readonly Uri _stats;

    private OtlpReceiver(ExternalProcess process, Uri endpoint, Uri stats)
    {
        _process = process;
        Endpoint = endpoint;
        _stats = stats;
    }

    /// <summary>Name of the receiver in the CPU tables.</summary>
    public const string ProcessName = "OTLP receiver";

    /// <summary>What the services get as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (gRPC, HTTP/2 without TLS).</summary>
    public Uri Endpoint { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// The services' environment for exporting here, with the export queues (batches of the SDK's 512), the metric
    /// interval and the export delays of <c>./run.sh</c> (the AppHost exports spans and logs every second, not the SDK's default of five).
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        ["OTEL_BSP_MAX_QUEUE_SIZE"] = "100000",
        ["OTEL_BLRP_MAX_QUEUE_SIZE"] = "100000",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
    };

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var output = BuildOutput.Of("bench/OtlpSink");
        var dll = Path.Combine(output, "FunctionsOrders.OtlpSink.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} not found: build in Release first (./bench.sh does).");
        }

        var (otlpPort, statsPort) = (FreePort.Next(), FreePort.Next());
        var environment = new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Otlp__Url"] = $"http://127.0.0.1:{otlpPort}",
            ["Kestrel__Endpoints__Otlp__Protocols"] = "Http2",
            ["Kestrel__Endpoints__Stats__Url"] = $"http://127.0.0.1:{statsPort}",
            ["Kestrel__Endpoints__Stats__Protocols"] = "Http1",
        };
        var process = ExternalProcess.Start("otlp-sink", "dotnet", [dll], environment, output);
        var receiver = new OtlpReceiver(process, new Uri($"http://127.0.0.1:{otlpPort}/"), new Uri($"http://127.0.0.1:{statsPort}/stats"));
        try
        {
            await ServiceProcess.WaitHealthyAsync("otlp-sink", process, new Uri($"http://127.0.0.1:{statsPort}/health"), cancellationToken);
            return receiver;
        }
        catch
        {
            await receiver.DisposeAsync();
            throw;
        }
    }

    /// <summary>Export calls and bytes received so far, by signal.</summary>
    public async Task<IReadOnlyDictionary<string, TelemetryReceived>> ReceivedAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var json = await http.GetStringAsync(_stats, cancellationToken);
        return JsonSerializer.Deserialize<Dictionary<string, TelemetryReceived>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

/// <summary>Export calls and their bytes, of one signal.</summary>
internal sealed record TelemetryReceived(long Calls, long Bytes);
