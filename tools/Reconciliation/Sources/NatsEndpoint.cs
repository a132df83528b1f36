using NATS.Client.Core;

namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>
/// The server URLs with any <c>user:password@</c> taken out (so <see cref="Url"/> is safe to show), and the
/// credentials to use: the explicit user and password when given, else those of the URL.
/// </summary>
internal sealed record NatsEndpoint(string Url, string? User, string? Password)
{
    public static NatsEndpoint From(ReconciliationSources sources)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sources.NatsUrl, nameof(sources.NatsUrl));
        string? urlUser = null;
        string? urlPassword = null;
        var urls = new List<string>();
        foreach (var part in sources.NatsUrl.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            {
                throw new ArgumentException($"NatsUrl '{Redact(part)}' is not an absolute URL such as nats://127.0.0.1:4222.", nameof(sources));
            }

            if (uri.UserInfo.Length > 0)
            {
                var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
                urlUser ??= Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
                urlPassword ??= colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }

            urls.Add(new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString().TrimEnd('/'));
        }

        if (urls.Count == 0)
        {
            throw new ArgumentException("NatsUrl holds no URL.", nameof(sources));
        }

        return string.IsNullOrEmpty(sources.NatsUser)
            ? new NatsEndpoint(string.Join(',', urls), urlUser, urlPassword)
            : new NatsEndpoint(string.Join(',', urls), sources.NatsUser, sources.NatsPassword);
    }

    public NatsOpts ToOpts() => NatsOpts.Default with
    {
        Url = Url,
        Name = "functions-orders-reconcile",
        AuthOpts = NatsAuthOpts.Default with
        {
            Username = string.IsNullOrEmpty(User) ? null : User,
            Password = string.IsNullOrEmpty(Password) ? null : Password,
        },
        ConnectTimeout = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(10),
        RetryOnInitialConnect = false,
    };

    private static string Redact(string url)
    {
        var at = url.LastIndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at < 0 ? url : (scheme < 0 ? string.Empty : url[..(scheme + 3)]) + "***@" + url[(at + 1)..];
    }
}
