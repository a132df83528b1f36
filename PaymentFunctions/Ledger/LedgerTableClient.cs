using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace FunctionsOrders.PaymentFunctions.Ledger;

/// <summary>
/// Builds the ledger's <see cref="TableClient"/>: from the connection string when one is set (Azurite locally),
/// else from the table service endpoint with a managed-identity token, so no storage key is needed.
/// </summary>
internal static class LedgerTableClient
{
    public static TableClient Create(PaymentLedgerOptions options, TableClientOptions clientOptions, Func<string?, TokenCredential>? credential = null)
    {
        if (!string.IsNullOrWhiteSpace(options.Connection))
        {
            return new TableClient(options.Connection, options.TableName, clientOptions);
        }

        var endpoint = new Uri(options.Endpoint ?? throw new InvalidOperationException($"{PaymentLedgerOptions.SectionName}:Endpoint is not set."));
        var clientId = string.IsNullOrWhiteSpace(options.ClientId) ? null : options.ClientId;
        return new TableClient(endpoint, options.TableName, (credential ?? ManagedIdentity)(clientId), clientOptions);
    }

    private static TokenCredential ManagedIdentity(string? clientId) =>
        new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
}
