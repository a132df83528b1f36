using System.Net;
using System.Text.Json;

namespace FunctionsOrders.HostOverhead;

/// <summary>
/// The baseline: Kestrel endpoints doing what the test apps' functions do (<c>Ping</c>, <c>Greet</c>, <c>Binary</c>),
/// run by this program in a process of its own when started with <see cref="Switch"/>.
/// </summary>
internal static class BareKestrel
{
    public const string Switch = "--serve-bare-kestrel";

    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.MapGet("/api/ping", () => Results.Ok());
        app.MapPost("/api/greet", GreetAsync);
        app.MapPost("/api/binary", BinaryAsync);
        await app.RunAsync();
    }

    private static async Task<IResult> GreetAsync(HttpRequest request)
    {
        using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        var name = json.RootElement.GetProperty("name").GetString();
        var times = json.RootElement.GetProperty("times").GetInt32();
        return Results.Text(string.Join(' ', Enumerable.Repeat($"hello {name}", times)));
    }

    private static async Task<IResult> BinaryAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var bytes = buffer.ToArray();
        Array.Reverse(bytes);
        return Results.Bytes(bytes, "application/octet-stream");
    }
}
