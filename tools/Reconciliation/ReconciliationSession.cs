using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.Reconciliation.Checks;
using FunctionsOrders.Reconciliation.Sources;

namespace FunctionsOrders.Reconciliation;

/// <summary>Open connections to every source, reused by each check of a wait.</summary>
internal sealed class ReconciliationSession : IAsyncDisposable
{
    private readonly ReconciliationSources _sources;
    private readonly JetStreamTopology _topology;
    private readonly NatsEndpoint _endpoint;
    private readonly LedgerSource _ledger;
    private readonly ProviderSource _provider;
    private NatsSource? _nats;

    public ReconciliationSession(ReconciliationSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = sources;
        _topology = new JetStreamTopology(sources.Topology ?? new TopologyOptions());
        _endpoint = NatsEndpoint.From(sources);
        _ledger = LedgerSource.Create(sources);
        _provider = ProviderSource.Create(sources.ProviderBaseUrl);
    }

    public async Task<ReconciliationReport> CheckAsync(IReadOnlyList<AcceptedOrder> accepted, CancellationToken cancellationToken)
    {
        var snapshot = await ReadAsync(cancellationToken);
        var context = new CheckContext(accepted, snapshot, _topology, _sources.LedgerTable);
        OrderChecks.Run(context);
        ChargeChecks.Run(context);
        LedgerChecks.Run(context);
        ConsumerChecks.Run(context);
        return new ReconciliationReport(context);
    }

    public async ValueTask DisposeAsync()
    {
        _provider.Dispose();
        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }
    }

    /// <summary>
    /// Reads the sources in the order the system writes them backwards, so a live system cannot make a healthy
    /// order look broken: the status bucket before the ledger and the charges (a final status implies both exist),
    /// and those before ORDERS (a row or a charge implies its order is already in ORDERS).
    /// </summary>
    private async Task<SystemSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var nats = _nats ??= await NatsSource.ConnectAsync(_endpoint, _topology, cancellationToken);
        var statuses = await nats.ReadStatusesAsync(cancellationToken);
        var ledgerRead = _ledger.ReadAsync(cancellationToken);
        var chargesRead = _provider.ReadAsync(cancellationToken);
        await Task.WhenAll(ledgerRead, chargesRead);
        var orders = await nats.ReadOrderEventsAsync(cancellationToken);
        var deadLetters = await nats.ReadDeadLettersAsync(cancellationToken);
        var consumers = await nats.ReadConsumersAsync(cancellationToken);
        return new SystemSnapshot(orders, statuses, deadLetters, await chargesRead, await ledgerRead, consumers);
    }
}
