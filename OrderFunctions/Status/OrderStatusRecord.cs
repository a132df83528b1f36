namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>One order in the order-status bucket (JSON value, key = order id).</summary>
internal sealed record OrderStatusRecord
{
    public required string OrderId { get; init; }

    public required OrderStatus Status { get; init; }

    /// <summary>Whose order it is; null in records made from an event of an older producer (without it).</summary>
    public string? CustomerId { get; init; }

    public string? FailureReason { get; init; }

    public string? PaymentId { get; init; }

    public required string Currency { get; init; }

    public required long TotalMinor { get; init; }

    /// <summary>When the order was accepted; null when only a payment outcome of an older producer (without it) is known.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public bool IsFinal => Status != OrderStatus.Pending;
}
