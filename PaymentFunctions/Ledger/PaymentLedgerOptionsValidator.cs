using Azure.Data.Tables;
using FunctionsOrders.Contracts.Ledger;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>Fails the start on a bad <c>Payments:Ledger</c> setting, naming the key.</summary>
internal sealed class PaymentLedgerOptionsValidator : IValidateOptions<PaymentLedgerOptions>
{
    private const string Prefix = PaymentLedgerOptions.SectionName + ":";
    private const string ConnectionKey = $"{Prefix}Connection (or {PaymentLedgerOptions.FallbackConnectionSetting})";

    public ValidateOptionsResult Validate(string? name, PaymentLedgerOptions options)
    {
        var errors = new List<string>();
        if (!IsTableName(options.TableName))
        {
            errors.Add($"{Prefix}TableName '{options.TableName}' is not a table name: 3 to 63 letters and digits, starting with a letter.");
        }

        if (options.PartitionCount is < 1 or > LedgerKeys.MaxPartitionCount)
        {
            errors.Add($"{Prefix}PartitionCount {options.PartitionCount} is out of range: 1 to {LedgerKeys.MaxPartitionCount}.");
        }

        var hasConnection = !string.IsNullOrWhiteSpace(options.Connection);
        var hasEndpoint = !string.IsNullOrWhiteSpace(options.Endpoint);
        if (hasConnection && hasEndpoint)
        {
            errors.Add($"{Prefix}Connection and {Prefix}Endpoint are both set: set exactly one (Endpoint reaches the ledger with a managed identity).");
        }
        else if (!hasConnection && !hasEndpoint)
        {
            errors.Add($"{ConnectionKey} or {Prefix}Endpoint is required: a storage connection string, or the table service URI.");
        }
        else if (hasConnection && !IsConnectionString(options.Connection!))
        {
            errors.Add($"{ConnectionKey} is not a valid storage connection string.");
        }
        else if (hasEndpoint && !IsHttpsUri(options.Endpoint!))
        {
            errors.Add($"{Prefix}Endpoint '{options.Endpoint}' is not an absolute https URI such as https://<account>.table.core.windows.net.");
        }

        if (hasEndpoint && !string.IsNullOrWhiteSpace(options.ClientId) && !Guid.TryParse(options.ClientId, out _))
        {
            errors.Add($"{Prefix}ClientId (or {PaymentLedgerOptions.FallbackClientIdSetting}) '{options.ClientId}' is not a client id (a GUID).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsTableName(string? name) =>
        name is { Length: >= 3 and <= 63 } && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    private static bool IsHttpsUri(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;

    private static bool IsConnectionString(string connection)
    {
        try
        {
            _ = new TableServiceClient(connection);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
