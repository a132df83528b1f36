using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// Bearer tokens of the bridge's managed identity, for the routes with a <c>TokenScope</c>: one per scope, kept until
/// it is due for refresh. The identity is the user-assigned one named by <c>AZURE_CLIENT_ID</c>, else the
/// system-assigned one.
/// </summary>
internal sealed class CallerTokens(TokenCredential credential, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, AccessToken> _tokens = new(StringComparer.Ordinal);

    public CallerTokens(IConfiguration configuration, TimeProvider time)
        : this(CreateCredential(configuration["AZURE_CLIENT_ID"]), time)
    {
    }

    /// <summary>A token for <paramref name="scope"/>; throws <see cref="DispatchFailedException"/> when none can be had.</summary>
    public async ValueTask<string> GetAsync(string scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_tokens.TryGetValue(scope, out var cached) && (cached.RefreshOn ?? cached.ExpiresOn.AddMinutes(-5)) > now)
        {
            return cached.Token;
        }

        try
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
            _tokens[scope] = token;
            return token.Token;
        }
        catch (AuthenticationFailedException ex)
        {
            // Not the messages' fault: the batch is retried like any failed dispatch.
            throw new DispatchFailedException("token", $"No managed-identity token for {scope}: {ex.Message}", ex);
        }
    }

    private static ManagedIdentityCredential CreateCredential(string? clientId) =>
        new(string.IsNullOrWhiteSpace(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
}
