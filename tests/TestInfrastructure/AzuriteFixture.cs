using FunctionsOrders.SystemHarness;
using Xunit;

namespace FunctionsOrders.TestInfrastructure;

/// <summary>One Azurite shared by the tests of a collection; tests isolate themselves with unique table names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    /// <summary>The running Azurite.</summary>
    public AzuriteServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
