namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>Where payments are recorded (configuration section <c>Payments:Ledger</c>).</summary>
/// <remarks>Exactly one of <see cref="Connection"/> and <see cref="Endpoint"/> is set.</remarks>
internal sealed class PaymentLedgerOptions
{
    public const string SectionName = "Payments:Ledger";

    /// <summary>Setting used when neither <see cref="Connection"/> nor <see cref="Endpoint"/> is set.</summary>
    public const string FallbackConnectionSetting = "AzureWebJobsStorage";

    /// <summary>Setting used when <see cref="ClientId"/> is empty.</summary>
    public const string FallbackClientIdSetting = "AZURE_CLIENT_ID";

    /// <summary>
    /// Storage connection string of the ledger (Azurite locally). Default: the <c>AzureWebJobsStorage</c> setting,
    /// unless <see cref="Endpoint"/> is set.
    /// </summary>
    public string? Connection { get; set; }

    /// <summary>
    /// Table service URI of the ledger, e.g. <c>https://&lt;account&gt;.table.core.windows.net</c>, reached with a
    /// managed identity instead of a key. Default none.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// Client id of the user-assigned managed identity used with <see cref="Endpoint"/>. Default: the
    /// <c>AZURE_CLIENT_ID</c> setting; without either, the system-assigned identity.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>Table holding one row per order; created at start when missing. Default <c>payments</c>.</summary>
    public string TableName { get; set; } = "payments";

    /// <summary>
    /// Partitions the rows are spread over by a hash of the order id (1 to 256): the rows of a dispatch batch that
    /// share a partition are written in one transaction, and in Azure each partition serves up to about 2,000 rows a
    /// second. Fixed for the life of the table: the table records it, and a different value fails the start.
    /// Default 8; the local configurations use 1, as Azurite has no partitions to spread.
    /// </summary>
    public int PartitionCount { get; set; } = DefaultPartitionCount;

    /// <summary>The default of <see cref="PartitionCount"/>.</summary>
    public const int DefaultPartitionCount = 8;
}
