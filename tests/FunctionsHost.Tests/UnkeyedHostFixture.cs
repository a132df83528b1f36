using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>A host on a build of the test app with no keys configured, for tests that may crash its worker.</summary>
public abstract class UnkeyedHostFixture(TestApp app) : IAsyncLifetime
{
    private LocalHost? _host;

    internal LocalHost Host => _host ?? throw new InvalidOperationException("The host did not start.");

    public async Task InitializeAsync()
    {
        using var timeout = TestTimeout.Start(90);
        _host = await LocalHost.StartAsync(app.AppDirectory, "api/ping", cancellationToken: timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>The host on the RpcHttp build.</summary>
    public sealed class RpcHttp() : UnkeyedHostFixture(TestApp.RpcHttp);

    /// <summary>The host on the ASP.NET Core integration build.</summary>
    public sealed class AspNetCore() : UnkeyedHostFixture(TestApp.AspNetCore);
}
