using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>A simulator process and the app's services pointed at it, with their own stream prefix and ledger table.</summary>
internal sealed class PaymentScenario : IAsyncDisposable
{
    private PaymentScenario(PaymentProviderSimulator provider, PaymentTestHost app, Dictionary<string, string?> settings)
    {
        Provider = provider;
        App = app;
        Settings = settings;
    }

    public PaymentProviderSimulator Provider { get; }

    public PaymentTestHost App { get; }

    public Dictionary<string, string?> Settings { get; }

    /// <summary>
    /// Starts the simulator and the app: <paramref name="overrides"/> are app settings that differ from
    /// <see cref="PaymentTestHost.Settings"/>, <paramref name="simulatorSettings"/> the simulator's (e.g. <c>Simulator:IdempotencyKeyTtl</c>).
    /// </summary>
    public static async Task<PaymentScenario> StartAsync(
        NatsServerFixture nats, AzuriteFixture azurite, CancellationToken cancellationToken, IDictionary<string, string?>? overrides = null,
        IReadOnlyDictionary<string, string>? simulatorSettings = null)
    {
        var provider = await PaymentProviderSimulator.StartAsync(cancellationToken, simulatorSettings);
        var settings = PaymentTestHost.Settings(nats.Server.Url, azurite.Server.ConnectionString, provider.Url);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = await PaymentTestHost.StartAsync(settings, cancellationToken);
        return new PaymentScenario(provider, app, settings);
    }

    /// <summary>A second instance of the app on the same stream prefix, ledger table and provider.</summary>
    public Task<PaymentTestHost> StartAnotherInstanceAsync(CancellationToken cancellationToken) =>
        PaymentTestHost.StartAsync(Settings, cancellationToken);

    public async Task<int> ChargesOfAsync(string orderId, CancellationToken cancellationToken) =>
        (await Provider.ChargesAsync(cancellationToken)).Count(c => c.OrderId == orderId);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
