using System.ComponentModel.DataAnnotations;

namespace FunctionsOrders.Contracts.Topology;

/// <summary>Settings of the JetStream streams and buckets (configuration section <c>Topology</c>).</summary>
public sealed class TopologyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Topology";

    /// <summary>
    /// Isolates one deployment from another on a shared server: prefixes stream and bucket names
    /// (<c>p_ORDERS</c>) and subjects (<c>p.orders.&gt;</c>). Default empty.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_-]*$", ErrorMessage = "Topology:Prefix may hold only letters, digits, '_' and '-'.")]
    public string Prefix { get; set; } = string.Empty;

    /// <summary>
    /// What a host does with the topology at start: <c>Verify</c> (the default) compares and logs each difference as
    /// an error; <c>Apply</c> creates and updates the streams and the bucket, and is allowed in the Development
    /// environment only. Anywhere else the topology is applied by <c>NatsBridge topology apply</c>.
    /// </summary>
    public TopologyAtStart AtStart { get; set; } = TopologyAtStart.Verify;

    /// <summary>Replicas of every stream and bucket: 1 on a single server, 3 on a cluster. Default 1.</summary>
    [Range(1, 5, ErrorMessage = "Topology:Replicas must be between {1} and {2}.")]
    public int Replicas { get; set; } = 1;

    /// <summary>Size limit of ORDERS; when full, publishes are refused (Discard New). Default 1 GiB.</summary>
    [Range(1024, long.MaxValue, ErrorMessage = "Topology:OrdersMaxBytes must be between {1} and {2}.")]
    public long OrdersMaxBytes { get; set; } = 1L << 30;

    /// <summary>Size limit of PAYMENTS; when full, publishes are refused (Discard New). Default 1 GiB.</summary>
    [Range(1024, long.MaxValue, ErrorMessage = "Topology:PaymentsMaxBytes must be between {1} and {2}.")]
    public long PaymentsMaxBytes { get; set; } = 1L << 30;

    /// <summary>Size limit of DEADLETTER; when full, new dead letters are refused. Default 256 MiB.</summary>
    [Range(1024, long.MaxValue, ErrorMessage = "Topology:DeadLetterMaxBytes must be between {1} and {2}.")]
    public long DeadLetterMaxBytes { get; set; } = 256L << 20;

    /// <summary>How long ORDERS and PAYMENTS keep a message. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00", ErrorMessage = "Topology:MaxAge must be between {1} and {2}.")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long DEADLETTER keeps a message. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00", ErrorMessage = "Topology:DeadLetterMaxAge must be between {1} and {2}.")]
    public TimeSpan DeadLetterMaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// JetStream de-duplication window: a message id seen again within it is stored once. Must cover the longest
    /// time a publish may be retried with the same id (payments, dead letters); an order's Idempotency-Key holds
    /// beyond it, since the intake publishes an order only if its subject holds no message yet. Default 2 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Topology:DuplicateWindow must be between {1} and {2}.")]
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Largest message a stream accepts, in bytes. Default 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "Topology:MaxMessageSize must be between {1} and {2}.")]
    public int MaxMessageSize { get; set; } = 1 << 20;

    /// <summary>Revisions kept per key of the order-status bucket. Default 1.</summary>
    [Range(1, 64, ErrorMessage = "Topology:OrderStatusHistory must be between {1} and {2}.")]
    public int OrderStatusHistory { get; set; } = 1;
}
