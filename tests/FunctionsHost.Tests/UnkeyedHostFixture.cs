using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>A host on the test app with no keys configured, for tests that may crash its worker.</summary>
public sealed class UnkeyedHostFixture : IAsyncLifetime
{
    private LocalHost? _host;

    internal LocalHost Host => _host ?? throw new InvalidOperationException("The host did not start.");

    public async Task InitializeAsync()
    {
        using var timeout = TestTimeout.Start(90);
        _host = await LocalHost.StartAsync(HostPaths.TestApp, "api/ping", cancellationToken: timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
