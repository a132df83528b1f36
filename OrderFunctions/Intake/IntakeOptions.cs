using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>Settings of the order API (section <c>Orders</c>).</summary>
internal sealed class IntakeOptions
{
    public const string SectionName = "Orders";

    /// <summary>Largest request body accepted, in bytes; larger gets 413. Default 64 KiB.</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "Orders:MaxBodyBytes must be between {1} and {2}.")]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Retry-After of a 503 when NATS is unreachable or too busy. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Orders:RetryAfter must be between {1} and {2}.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Time a read on NATS may take (the read model and the ORDERS stream, for GET and for a repeated
    /// Idempotency-Key); then the answer is 503 with <see cref="RetryAfter"/>. Default 2 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Orders:ReadDeadline must be between {1} and {2}.")]
    public TimeSpan ReadDeadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retry-After of a 503 when the ORDERS stream is full. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Orders:StreamFullRetryAfter must be between {1} and {2}.")]
    public TimeSpan StreamFullRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Secret key of the order ids derived from an Idempotency-Key: base64 of at least 32 random bytes
    /// (<c>openssl rand -base64 32</c>). Required outside Development. Keep it for as long as ORDERS keeps orders:
    /// a new key gives a repeated request a new order id, so it is no longer recognised as a repeat.
    /// </summary>
    public string? OrderIdKey { get; set; }

    /// <summary>The per-client limit of <c>POST /api/orders</c> (section <c>Orders:RateLimit</c>).</summary>
    public IntakeRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>The key used when <see cref="OrderIdKey"/> is not set, in the Development environment only. Not a secret.</summary>
    internal static byte[] DevelopmentOrderIdKey { get; } = SHA256.HashData("FunctionsOrders development order-id key"u8);

    /// <summary>The bytes of a well-formed <see cref="OrderIdKey"/>; null when it is not set or not base64 of 32+ bytes.</summary>
    internal static byte[]? OrderIdKeyBytes(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key.Trim(), buffer, out var written) && written >= 32 ? buffer[..written] : null;
    }
}

/// <summary>
/// The per-client limit of <c>POST /api/orders</c>: a token bucket per client (the authenticated customer; without
/// authentication, the client address) that gains <see cref="PerSecond"/> tokens a second up to <see cref="Burst"/>.
/// A request without a token gets 429 with Retry-After. The limit holds per instance.
/// </summary>
internal sealed class IntakeRateLimitOptions
{
    /// <summary>Orders per second each client may place, on average; 0 turns the limit off. Default 0 (off).</summary>
    public int PerSecond { get; set; }

    /// <summary>Orders a client may place at once after a pause. Default: twice <see cref="PerSecond"/>.</summary>
    public int? Burst { get; set; }

    /// <summary>Whether the limit is on.</summary>
    public bool Enabled => PerSecond > 0;

    /// <summary>The bucket size in force.</summary>
    public int EffectiveBurst => Math.Max(1, Burst ?? (PerSecond * 2));
}
