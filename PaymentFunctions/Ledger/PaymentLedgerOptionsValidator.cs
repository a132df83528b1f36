using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>Fails the start on a bad <c>Payments:Ledger</c> setting, naming the key.</summary>
internal sealed class PaymentLedgerOptionsValidator : IValidateOptions<PaymentLedgerOptions>
{
    private const string Prefix = PaymentLedgerOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, PaymentLedgerOptions options)
    {
        var errors = new List<string>();
        if (!IsTableName(options.TableName))
        {
            errors.Add($"{Prefix}TableName '{options.TableName}' is not a table name: 3 to 63 letters and digits, starting with a letter.");
        }

        if (string.IsNullOrWhiteSpace(options.Connection))
        {
            errors.Add($"{Prefix}Connection (or {PaymentLedgerOptions.FallbackConnectionSetting}) is required: a storage connection string.");
        }
        else if (!IsConnectionString(options.Connection))
        {
            errors.Add($"{Prefix}Connection (or {PaymentLedgerOptions.FallbackConnectionSetting}) is not a valid storage connection string.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsTableName(string? name) =>
        name is { Length: >= 3 and <= 63 } && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

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
