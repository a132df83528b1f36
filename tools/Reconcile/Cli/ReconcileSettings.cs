using FunctionsOrders.Reconciliation;

namespace FunctionsOrders.Reconcile.Cli;

/// <summary>A parsed command line: where to read from, the accepted orders, and how long to wait for a clean state.</summary>
internal sealed record ReconcileSettings(ReconciliationSources Sources, IReadOnlyList<AcceptedOrder> Orders, TimeSpan Wait, bool Help)
{
    public static readonly ReconcileSettings HelpOnly = new(
        new ReconciliationSources { NatsUrl = Defaults.Nats, StorageConnectionString = Defaults.Storage, ProviderBaseUrl = new Uri(Defaults.Provider) },
        [], TimeSpan.Zero, Help: true);
}
