namespace FunctionsOrders.Contracts.Topology;

/// <summary>Unprefixed names of the streams, buckets and durable consumers.</summary>
public static class TopologyNames
{
    /// <summary>Stream of <c>orders.&gt;</c>.</summary>
    public const string OrdersStream = "ORDERS";

    /// <summary>Stream of <c>payments.&gt;</c>.</summary>
    public const string PaymentsStream = "PAYMENTS";

    /// <summary>Stream of <c>deadletter.&gt;</c>.</summary>
    public const string DeadLetterStream = "DEADLETTER";

    /// <summary>Key-value bucket of the order-status read model.</summary>
    public const string OrderStatusBucket = "order-status";

    /// <summary>ORDERS consumer that feeds PaymentFunctions.</summary>
    public const string PaymentsConsumer = "payments";

    /// <summary>PAYMENTS consumer that feeds the order-status projection.</summary>
    public const string PaymentStatusConsumer = "payment-status";
}
