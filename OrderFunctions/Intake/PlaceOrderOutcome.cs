namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>What became of a valid order.</summary>
internal enum PlaceOrderOutcome
{
    /// <summary>Stored by JetStream now.</summary>
    Stored,

    /// <summary>Its Idempotency-Key holds the same order, stored before; nothing new was stored.</summary>
    StoredBefore,

    /// <summary>Its Idempotency-Key holds another order; nothing was stored.</summary>
    KeyReused,

    /// <summary>Not stored, or its key's stored order not read, in time: worth trying again later.</summary>
    Unavailable,
}
