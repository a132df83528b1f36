namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>Where payments are recorded (configuration section <c>Payments:Ledger</c>).</summary>
internal sealed class PaymentLedgerOptions
{
    public const string SectionName = "Payments:Ledger";

    /// <summary>Setting used when <see cref="Connection"/> is empty.</summary>
    public const string FallbackConnectionSetting = "AzureWebJobsStorage";

    /// <summary>Storage connection string of the ledger. Default: the <c>AzureWebJobsStorage</c> setting.</summary>
    public string? Connection { get; set; }

    /// <summary>Table holding one row per order; created at start when missing. Default <c>payments</c>.</summary>
    public string TableName { get; set; } = "payments";
}
