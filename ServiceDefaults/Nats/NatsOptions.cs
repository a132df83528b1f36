using NATS.Client.Core;

namespace FunctionsOrders.ServiceDefaults.Nats;

/// <summary>How a host connects to NATS (configuration section <c>Nats</c>).</summary>
public sealed class NatsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Nats";

    /// <summary>Server URL, or several separated by commas (<c>nats://h1:4222,nats://h2:4222</c>). Default <c>nats://127.0.0.1:4222</c>.</summary>
    public string Url { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>Connection name shown by the server's monitoring. Default: the host's application name.</summary>
    public string? Name { get; set; }

    /// <summary>User name, with <see cref="Password"/>.</summary>
    public string? User { get; set; }

    /// <summary>Password of <see cref="User"/>. A secret: never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Authentication token. A secret: never logged.</summary>
    public string? Token { get; set; }

    /// <summary>Path of a file holding an NKey seed (<c>SU…</c>).</summary>
    public string? NKeySeedFile { get; set; }

    /// <summary>Path of a <c>.creds</c> file (JWT and NKey seed).</summary>
    public string? CredsFile { get; set; }

    /// <summary>TLS settings.</summary>
    public NatsTlsSettings Tls { get; set; } = new();

    /// <summary>Time allowed for one connection attempt. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait between reconnect attempts; doubles up to <see cref="ReconnectWaitMax"/>. Default 1 s.</summary>
    public TimeSpan ReconnectWaitMin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between reconnect attempts. Default 10 s.</summary>
    public TimeSpan ReconnectWaitMax { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Random extra wait added to each reconnect attempt, so clients do not reconnect in lockstep. Default 500 ms.</summary>
    public TimeSpan ReconnectJitter { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Timeout of a request, including JetStream API calls. Default 5 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Keep trying when the server is not reachable at start, instead of failing the start. Default true.</summary>
    public bool RetryOnInitialConnect { get; set; } = true;

    /// <summary>The URLs of <see cref="Url"/>, trimmed.</summary>
    internal string[] Urls() => Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>TLS settings of the NATS connection (section <c>Nats:Tls</c>).</summary>
public sealed class NatsTlsSettings
{
    /// <summary><c>Auto</c> (TLS when the URL is <c>tls://</c> or the server requires it), <c>Prefer</c>, <c>Require</c>, <c>Implicit</c> or <c>Disable</c>. Default <c>Auto</c>.</summary>
    public TlsMode Mode { get; set; } = TlsMode.Auto;

    /// <summary>PEM file of the CA that signed the server's certificate.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM client certificate, for mutual TLS.</summary>
    public string? CertFile { get; set; }

    /// <summary>PEM private key of <see cref="CertFile"/>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Accept any server certificate. For local testing only. Default false.</summary>
    public bool InsecureSkipVerify { get; set; }
}
