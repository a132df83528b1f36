using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.TestInfrastructure;

/// <summary>
/// An Application Insights ingestion endpoint on a free local port: a connection string whose
/// <c>IngestionEndpoint</c> points here makes the Azure Monitor exporter post its telemetry items (envelopes) here
/// instead of to Azure. It accepts every item, as the service does, and keeps them for a test to read.
/// </summary>
public sealed class AzureMonitorIngestion : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TelemetryItem> _items = new();

    private AzureMonitorIngestion(WebApplication app) => _app = app;

    /// <summary>The connection string to give the services as <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Every item received so far.</summary>
    public IReadOnlyList<TelemetryItem> Items => [.. _items];

    /// <summary>Requests that were not telemetry posts (the path is in the list).</summary>
    public ConcurrentQueue<string> OtherRequests { get; } = new();

    /// <summary>Telemetry posts this endpoint could not read: answered 400 and listed here, so a failing test can name them.</summary>
    public ConcurrentQueue<string> Rejected { get; } = new();

    private int _posts;

    /// <summary>How many telemetry posts arrived.</summary>
    public int Posts => Volatile.Read(ref _posts);

    public static async Task<AzureMonitorIngestion> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var ingestion = new AzureMonitorIngestion(app);
        app.MapPost("/v2.1/track", ingestion.TrackAsync);
        app.MapPost("/v2/track", ingestion.TrackAsync);
        app.MapFallback(context =>
        {
            // Live Metrics pings and the like: answered, and noted for a test that wants to know.
            ingestion.OtherRequests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var url = app.Urls.Single().TrimEnd('/');
        ingestion.ConnectionString = $"InstrumentationKey={Guid.NewGuid()};IngestionEndpoint={url}/;LiveEndpoint={url}/";
        return ingestion;
    }

    private async Task<IResult> TrackAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _posts);
        try
        {
            return await ReadAsync(request);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException)
        {
            Rejected.Enqueue($"{request.Path}: {ex.GetType().Name}: {ex.Message}");
            return Results.BadRequest();
        }
    }

    private async Task<IResult> ReadAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain);
            bytes = plain.ToArray();
        }

        var received = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var document = JsonDocument.Parse(line);
            var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
            foreach (var item in items)
            {
                _items.Enqueue(TelemetryItem.From(item));
                received++;
            }
        }

        return Results.Json(new { itemsReceived = received, itemsAccepted = received, errors = Array.Empty<object>() });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>
/// One Application Insights telemetry item: its type (<c>Request</c>, <c>RemoteDependency</c>, <c>Message</c>,
/// <c>Exception</c>, <c>Metric</c>, ...), its tags (<c>ai.operation.id</c> is the <c>operation_Id</c> a user searches
/// by, <c>ai.cloud.role</c> the <c>cloud_RoleName</c>), and its data's name where it has one.
/// </summary>
public sealed record TelemetryItem(string Type, IReadOnlyDictionary<string, string> Tags, string? Name, string Json)
{
    public string? OperationId => Tags.GetValueOrDefault("ai.operation.id");

    public string? RoleName => Tags.GetValueOrDefault("ai.cloud.role");

    internal static TelemetryItem From(JsonElement item)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.TryGetProperty("tags", out var tagElement) && tagElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in tagElement.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.ToString();
            }
        }

        var type = item.TryGetProperty("data", out var data) && data.TryGetProperty("baseType", out var baseType)
            ? (baseType.GetString() ?? "").Replace("Data", "", StringComparison.Ordinal)
            : item.TryGetProperty("name", out var envelopeName) ? envelopeName.GetString() ?? "" : "";
        string? name = null;
        if (item.TryGetProperty("data", out data) && data.TryGetProperty("baseData", out var baseData) && baseData.TryGetProperty("name", out var nameElement))
        {
            name = nameElement.ToString();
        }

        return new TelemetryItem(type, tags, name, item.GetRawText());
    }
}
