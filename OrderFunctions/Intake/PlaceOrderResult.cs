using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>
/// What became of a valid order (<see cref="Outcome"/>). <see cref="Order"/> is the stored order: this one, or the one
/// stored before under the same Idempotency-Key.
/// </summary>
internal sealed record PlaceOrderResult(PlaceOrderOutcome Outcome, OrderCreated? Order, string? UnavailableReason, TimeSpan RetryAfter)
{
    /// <summary>The reason when the key's stored order could not be read in time to answer with it.</summary>
    public const string ReadUnavailable = "ReadUnavailable";

    public bool Accepted => Outcome is PlaceOrderOutcome.Stored or PlaceOrderOutcome.StoredBefore;

    public bool Duplicate => Outcome == PlaceOrderOutcome.StoredBefore;

    public static PlaceOrderResult Stored(OrderCreated order) => new(PlaceOrderOutcome.Stored, order, null, TimeSpan.Zero);

    public static PlaceOrderResult StoredBefore(OrderCreated stored) => new(PlaceOrderOutcome.StoredBefore, stored, null, TimeSpan.Zero);

    public static PlaceOrderResult KeyReused(OrderCreated stored) => new(PlaceOrderOutcome.KeyReused, stored, null, TimeSpan.Zero);

    public static PlaceOrderResult Unavailable(string reason, TimeSpan retryAfter) => new(PlaceOrderOutcome.Unavailable, null, reason, retryAfter);
}
