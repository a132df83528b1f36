using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>An OTLP/HTTP endpoint that accepts every export and counts the metric exports it was sent.</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _metricExports;

    private OtlpReceiver(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public int MetricExports => Volatile.Read(ref _metricExports);

    public static async Task<OtlpReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, port);
        // An empty body is an empty Export*ServiceResponse: everything accepted.
        app.MapPost("/v1/{signal}", (string signal) =>
        {
            if (signal == "metrics")
            {
                Interlocked.Increment(ref receiver._metricExports);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
