using FunctionsOrders.SystemHarness;
using Xunit;

namespace FunctionsOrders.TestInfrastructure;

/// <summary>One nats-server shared by the tests of a collection; tests isolate themselves with unique names.</summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private NatsServer? _server;

    /// <summary>The running server.</summary>
    public NatsServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await NatsServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
