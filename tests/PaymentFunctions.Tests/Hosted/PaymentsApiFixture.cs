using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests.Hosted;

/// <summary>
/// PaymentFunctions' build under the local Functions host, as the bridge calls it, against a real nats-server,
/// Azurite and the simulator; beside it the app's services in this process, on the same settings, to ensure the
/// topology and to read what the app wrote.
/// </summary>
public sealed class PaymentsApiFixture : IAsyncLifetime
{
    public const string FunctionKey = "payments-test-function-key";

    private NatsServer? _nats;
    private AzuriteServer? _azurite;
    private PaymentProviderSimulator? _provider;
    private PaymentTestHost? _services;
    private FunctionsHostProcess? _host;

    public FunctionsHostProcess Host => _host!;

    public HttpClient Client => _host!.Client;

    internal PaymentProviderSimulator Provider => _provider!;

    internal PaymentTestHost Services => _services!;

    public async Task InitializeAsync()
    {
        using var timeout = TestTimeout.Start(120);
        _nats = await NatsServer.StartAsync(cancellationToken: timeout.Token);
        _azurite = await AzuriteServer.StartAsync(timeout.Token);
        _provider = await PaymentProviderSimulator.StartAsync(timeout.Token);
        var settings = PaymentTestHost.Settings(_nats.Url, _azurite.ConnectionString, _provider.Url);
        _services = await PaymentTestHost.StartAsync(settings, timeout.Token);
        _host = await FunctionsHostProcess.StartAsync(
            "PaymentFunctions",
            settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? ""),
            new Dictionary<string, string> { ["FunctionsHost__FunctionKey"] = FunctionKey },
            timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PaymentsApiCollection : ICollectionFixture<PaymentsApiFixture>
{
    public const string Name = "payments-api";
}
