namespace FunctionsOrders.Reconciliation.Checks;

/// <summary>Every durable consumer of the topology exists and has nothing pending or awaiting acknowledgement.</summary>
internal static class ConsumerChecks
{
    public static void Run(CheckContext context)
    {
        foreach (var consumer in context.Snapshot.Consumers)
        {
            if (!consumer.Exists)
            {
                context.Add(DiscrepancyKinds.ConsumerMissing, null, $"durable consumer {consumer.Name} does not exist on {consumer.Stream}");
            }
            else if (!consumer.IsDrained)
            {
                context.Add(DiscrepancyKinds.ConsumerNotDrained, null,
                    $"durable consumer {consumer.Name} on {consumer.Stream}: {consumer.Pending} pending, {consumer.AckPending} awaiting ack");
            }
        }
    }
}
