using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using NATS.Client.Core;

namespace FunctionsOrders.Reconciliation.Tests.Harness;

/// <summary>
/// A system's state for one test: a JetStream deployment under its own prefix, its own ledger table and its own
/// simulator process, and the <see cref="ReconciliationSources"/> that point at them.
/// </summary>
internal sealed class Scenario : IAsyncDisposable
{
    private Scenario(Deployment nats, LedgerTable ledger, SimulatorProcess provider, ReconciliationSources sources)
    {
        Nats = nats;
        Ledger = ledger;
        Provider = provider;
        Sources = sources;
    }

    public Deployment Nats { get; }

    public LedgerTable Ledger { get; }

    public SimulatorProcess Provider { get; }

    public ReconciliationSources Sources { get; }

    public static Task<Scenario> StartAsync(NatsServerFixture nats, AzuriteFixture azurite, CancellationToken cancellationToken) =>
        StartAsync(nats.Server, azurite.Server, NatsAuthOpts.Default, cancellationToken);

    /// <summary>Starts a scenario on a server that may require <paramref name="auth"/>; <see cref="Sources"/> then carries no credentials.</summary>
    public static async Task<Scenario> StartAsync(NatsServer nats, AzuriteServer azurite, NatsAuthOpts auth, CancellationToken cancellationToken)
    {
        var deployment = await Deployment.CreateAsync(NatsOpts.Default with { Url = nats.Url, AuthOpts = auth }, cancellationToken);
        var ledger = await LedgerTable.CreateAsync(azurite.ConnectionString, cancellationToken);
        var provider = await SimulatorProcess.StartAsync(cancellationToken);
        var sources = new ReconciliationSources
        {
            NatsUrl = nats.Url,
            StorageConnectionString = azurite.ConnectionString,
            LedgerTable = ledger.Name,
            ProviderBaseUrl = provider.Url,
            Topology = deployment.Options,
        };
        return new Scenario(deployment, ledger, provider, sources);
    }

    /// <summary>What the system does for one order: publish, charge, record, publish the outcome, project the final status.</summary>
    public async Task<string> CompleteAsync(string orderId, bool paid, CancellationToken cancellationToken)
    {
        var customer = paid ? "cust-1" : "decline-1";
        await Nats.PublishOrderAsync(orderId, customer, cancellationToken);
        var (chargeId, status) = await Provider.ChargeAsync(orderId, customer, cancellationToken: cancellationToken);
        Assert.Equal(paid ? "succeeded" : "declined", status);
        await Ledger.AddRowAsync(orderId, paid ? "Succeeded" : "Declined", chargeId, paid ? string.Empty : "card_declined", cancellationToken);
        await Nats.PublishPaymentAsync(orderId, chargeId, paid, cancellationToken);
        await Nats.SetStatusAsync(orderId, paid ? FinalStatuses.Paid : FinalStatuses.PaymentFailed,
            paid ? null : "card_declined", chargeId, cancellationToken);
        return chargeId;
    }

    public Task<ReconciliationReport> CheckAsync(IReadOnlyCollection<AcceptedOrder> accepted, CancellationToken cancellationToken) =>
        Reconciler.CheckAsync(Sources, accepted, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
