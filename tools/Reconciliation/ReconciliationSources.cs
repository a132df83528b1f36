using Azure.Core;
using FunctionsOrders.Contracts.Topology;

namespace FunctionsOrders.Reconciliation;

/// <summary>Where the state of one deployment of the system is read from.</summary>
public sealed record ReconciliationSources
{
    /// <summary>
    /// NATS server URL, or several separated by commas. May carry <c>user:password@</c>, used when
    /// <see cref="NatsUser"/> is not set.
    /// </summary>
    public required string NatsUrl { get; init; }

    /// <summary>NATS user; takes precedence over a user in <see cref="NatsUrl"/>.</summary>
    public string? NatsUser { get; init; }

    /// <summary>Password of <see cref="NatsUser"/>.</summary>
    public string? NatsPassword { get; init; }

    /// <summary>
    /// Connection string of the storage account holding the payment ledger (Azurite locally). Set this or
    /// <see cref="StorageEndpoint"/>.
    /// </summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>
    /// Table service URI of the ledger's account (<c>https://&lt;account&gt;.table.core.windows.net</c>), read with
    /// <see cref="StorageCredential"/>; for an account that takes no shared keys. Used instead of
    /// <see cref="StorageConnectionString"/> when set.
    /// </summary>
    public Uri? StorageEndpoint { get; init; }

    /// <summary>Entra ID credential for <see cref="StorageEndpoint"/>.</summary>
    public TokenCredential? StorageCredential { get; init; }

    /// <summary>Ledger table: one row per order, RowKey = order id, PartitionKey = its ledger partition. Default <c>payments</c>.</summary>
    public string LedgerTable { get; init; } = "payments";

    /// <summary>Base URL of the payment provider (the simulator); its charges are read from <c>GET {base}/v1/charges</c>.</summary>
    public required Uri ProviderBaseUrl { get; init; }

    /// <summary>Topology settings of the deployment; only <see cref="TopologyOptions.Prefix"/> matters here.</summary>
    public TopologyOptions Topology { get; init; } = new();
}
