using System.ComponentModel.DataAnnotations;

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
}
