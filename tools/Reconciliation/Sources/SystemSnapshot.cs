namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>Everything the checks look at, read once from every source.</summary>
/// <param name="OrderEvents">Order id → number of <c>OrderCreated</c> messages in ORDERS (a replayed dead letter adds one).</param>
/// <param name="Statuses">Order id → its record in the order-status bucket.</param>
/// <param name="DeadLetters">Order id → a dead letter of one of its events (one with a reason when there is one).</param>
/// <param name="Charges">Every charge the provider made, declines included.</param>
/// <param name="LedgerRows">Every row of the ledger table.</param>
/// <param name="Consumers">The topology's durable consumers.</param>
internal sealed record SystemSnapshot(
    IReadOnlyDictionary<string, int> OrderEvents,
    IReadOnlyDictionary<string, OrderStatusEntry> Statuses,
    IReadOnlyDictionary<string, DeadLetterEntry> DeadLetters,
    IReadOnlyList<ProviderCharge> Charges,
    IReadOnlyList<LedgerRow> LedgerRows,
    IReadOnlyList<ConsumerState> Consumers);
