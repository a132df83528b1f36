using FunctionsOrders.Reconciliation;

namespace FunctionsOrders.Reconcile.Cli;

/// <summary>
/// The <c>--orders</c> file: one accepted order id per line, optionally followed by its expected final status
/// (<c>Paid</c> or <c>PaymentFailed</c>, any case). Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
internal static class OrdersFile
{
    public static IReadOnlyList<AcceptedOrder> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--orders: file '{path}' not found");
        }

        var orders = new List<AcceptedOrder>();
        var seen = new Dictionary<string, string?>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var order = Parse(text, $"--orders: {path}:{number}");
            if (seen.TryGetValue(order.OrderId, out var expected))
            {
                if (expected != order.ExpectedStatus)
                {
                    throw new UsageException($"--orders: {path}:{number}: order {order.OrderId} is listed before with another expected status");
                }

                continue;
            }

            seen.Add(order.OrderId, order.ExpectedStatus);
            orders.Add(order);
        }

        return orders;
    }

    private static AcceptedOrder Parse(string text, string where)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 2)
        {
            throw new UsageException($"{where}: expected '<order id>' or '<order id> <Paid|PaymentFailed>', got '{text}'");
        }

        var id = parts[0];
        if (id.Any(c => c is '.' or '*' or '>' || char.IsControl(c)))
        {
            throw new UsageException($"{where}: '{id}' is not an order id (no '.', '*' or '>')");
        }

        if (parts.Length == 1)
        {
            return new AcceptedOrder(id);
        }

        var status = parts[1];
        return string.Equals(status, FinalStatuses.Paid, StringComparison.OrdinalIgnoreCase) ? new AcceptedOrder(id, FinalStatuses.Paid)
            : string.Equals(status, FinalStatuses.PaymentFailed, StringComparison.OrdinalIgnoreCase) ? new AcceptedOrder(id, FinalStatuses.PaymentFailed)
            : throw new UsageException($"{where}: expected status '{status}' is not {FinalStatuses.Paid} or {FinalStatuses.PaymentFailed}");
    }
}
