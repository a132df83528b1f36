using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>What became of a valid order: accepted (stored by JetStream), or not stored and worth retrying later.</summary>
internal sealed record PlaceOrderResult(OrderCreated? Order, bool Duplicate, string? UnavailableReason, TimeSpan RetryAfter)
{
    /// <summary>The reason when the key's stored order could not be read in time to answer with it.</summary>
    public const string ReadUnavailable = "ReadUnavailable";

    public bool Accepted => Order is not null;

    public static PlaceOrderResult Stored(OrderCreated order, bool duplicate) => new(order, duplicate, null, TimeSpan.Zero);

    public static PlaceOrderResult Unavailable(string reason, TimeSpan retryAfter) => new(null, false, reason, retryAfter);
}
