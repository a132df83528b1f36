namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>What a status query found: the order, no such order, or no answer from NATS in time (try again later).</summary>
internal sealed record OrderQueryResult(OrderView? Order, bool Unavailable, TimeSpan RetryAfter)
{
    public static readonly OrderQueryResult NotFound = new(null, false, TimeSpan.Zero);

    public static OrderQueryResult Found(OrderView order) => new(order, false, TimeSpan.Zero);

    public static OrderQueryResult NotAnswered(TimeSpan retryAfter) => new(null, true, retryAfter);
}
