using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Reconciliation.Sources;

namespace FunctionsOrders.Reconciliation.Checks;

/// <summary>
/// Every accepted order is in ORDERS and ends Paid or PaymentFailed (as expected, when an expectation is given),
/// or was dead-lettered with a reason.
/// </summary>
internal static class OrderChecks
{
    public static void Run(CheckContext context)
    {
        foreach (var order in context.Accepted)
        {
            var id = order.OrderId;
            context.Snapshot.Statuses.TryGetValue(id, out var status);
            if (!context.InOrders(id))
            {
                var known = status is null ? string.Empty : $" (the status bucket has it as {status.Status})";
                context.Add(DiscrepancyKinds.Lost, id,
                    $"no OrderCreated on {context.Topology.Subjects.OrderCreated(id)} in {context.Topology.OrdersStream}{known}");
                continue;
            }

            if (status is { IsFinal: true })
            {
                context.CountFinal(status.Status);
                if (order.ExpectedStatus is { } expected && expected != status.Status)
                {
                    context.Add(DiscrepancyKinds.StatusMismatch, id, $"expected {expected}, is {status.Status}{Because(status)}");
                }

                continue;
            }

            context.Snapshot.DeadLetters.TryGetValue(id, out var letter);
            if (letter is { HasReason: true })
            {
                context.CountDeadLettered();
                continue;
            }

            context.Add(DiscrepancyKinds.Unfinished, id, Unfinished(context, status, letter));
        }
    }

    private static string Unfinished(CheckContext context, OrderStatusEntry? status, DeadLetterEntry? letter)
    {
        var where = status is null
            ? $"in {context.Topology.OrdersStream}, no entry in {context.Topology.OrderStatusBucket}"
            : $"in {context.Topology.OrdersStream}, status {status.Status}";
        return letter is null ? where : $"{where}; its dead letter from {letter.OriginalSubject} has no {MessageHeaders.DeadLetter.Reason} header";
    }

    private static string Because(OrderStatusEntry status) =>
        string.IsNullOrEmpty(status.FailureReason) ? string.Empty : $" ({status.FailureReason})";
}
