using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.Reconciliation.Tests.Harness;

/// <summary>A nats-server of its own that requires a user and password, as the AppHost's does.</summary>
public sealed class AuthNatsFixture : IAsyncLifetime
{
    public const string User = "reconcile-user";
    public const string Password = "p4ss-w0rd";

    private NatsServer? _server;

    public NatsServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => _server = await NatsServer.StartAsync(["--user", User, "--pass", Password]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
