using System.Text.Json;
using FunctionsOrders.OtlpSink;

// Receives what the services export over OTLP/gRPC, as the Aspire dashboard does under ./run.sh, counts it and
// throws it away: the benchmark measures what exporting costs the services, not what storing it costs a backend.
// Kestrel:Endpoints:Otlp (HTTP/2 without TLS) takes the exports; Kestrel:Endpoints:Stats (HTTP/1.1) answers
// GET /stats with the counts so far, and GET /health.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var counts = new ExportCounts();

app.MapGet("/health", () => Results.Ok());
app.MapGet("/stats", () => Results.Text(JsonSerializer.Serialize(counts.Snapshot()), "application/json"));
app.MapPost("/{service}/Export", async (string service, HttpContext context) =>
{
    long bytes = 0;
    var buffer = new byte[16 * 1024];
    int read;
    while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
    {
        bytes += read;
    }

    counts.Add(service, bytes);

    // An empty Export*ServiceResponse: one uncompressed gRPC frame of length 0, then status OK in the trailers.
    context.Response.ContentType = "application/grpc";
    await context.Response.Body.WriteAsync(new byte[5], context.RequestAborted);
    context.Response.AppendTrailer("grpc-status", "0");
});

app.Run();
