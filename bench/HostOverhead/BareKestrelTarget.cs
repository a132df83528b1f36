using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FunctionsOrders.HostOverhead;

/// <summary>A bare Kestrel endpoint in this process doing what the test app's Ping function does: answer 200, no body.</summary>
internal sealed class BareKestrelTarget : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareKestrelTarget(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<BareKestrelTarget> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/api/ping", (HttpContext context) => context.Response.StatusCode = StatusCodes.Status200OK);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareKestrelTarget(app, new Uri(new Uri(address), "/api/ping"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
