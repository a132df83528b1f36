namespace FunctionsOrders.Reconciliation;

/// <summary>
/// Checks that the system kept its promises for a set of accepted orders: each ended Paid or PaymentFailed (or
/// was dead-lettered with a reason), none was lost or charged twice, the ledger agrees with the order statuses
/// and the provider, and every durable consumer is drained.
/// </summary>
public static class Reconciler
{
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(2);

    /// <summary>Reads every source once and reports what it found.</summary>
    /// <exception cref="ArgumentException">A source setting or an accepted order is invalid.</exception>
    /// <exception cref="ReconciliationSourceException">A source could not be read.</exception>
    public static async Task<ReconciliationReport> CheckAsync(
        ReconciliationSources sources, IReadOnlyCollection<AcceptedOrder> accepted, CancellationToken cancellationToken)
    {
        var orders = Normalize(accepted);
        await using var session = new ReconciliationSession(sources);
        return await session.CheckAsync(orders, cancellationToken);
    }

    /// <summary>
    /// Checks again and again, reusing the connections, until the report is clean or <paramref name="deadline"/>
    /// has passed, and returns the last report, clean or not. Rounds start 250 ms apart and back off to 2 s, so a
    /// long wait does not take the CPU from the system it waits for. A source that cannot be read is tried again
    /// on the next round; if it still cannot be read when the deadline passes, its
    /// <see cref="ReconciliationSourceException"/> is thrown.
    /// </summary>
    public static async Task<ReconciliationReport> WaitUntilCleanAsync(
        ReconciliationSources sources, IReadOnlyCollection<AcceptedOrder> accepted, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var orders = Normalize(accepted);
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        var interval = FirstInterval;
        ReconciliationSession? session = null;
        try
        {
            while (true)
            {
                ReconciliationReport? report = null;
                try
                {
                    session ??= new ReconciliationSession(sources);
                    report = await session.CheckAsync(orders, cancellationToken);
                    if (report.IsClean)
                    {
                        return report;
                    }
                }
                catch (ReconciliationSourceException) when (time.GetElapsedTime(started) < deadline)
                {
                    // Tried again next round, with fresh connections.
                    await DisposeAsync(session);
                    session = null;
                }

                var left = deadline - time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero && report is not null)
                {
                    return report;
                }

                await Task.Delay(left < interval && left > TimeSpan.Zero ? left : interval, time, cancellationToken);
                interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxInterval.Ticks));
            }
        }
        finally
        {
            await DisposeAsync(session);
        }
    }

    private static async Task DisposeAsync(ReconciliationSession? session)
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }
    }

    /// <summary>Validates the orders and removes repeats; the same id with two different expectations is an error.</summary>
    private static List<AcceptedOrder> Normalize(IReadOnlyCollection<AcceptedOrder> accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var byId = new Dictionary<string, AcceptedOrder>(StringComparer.Ordinal);
        var ordered = new List<AcceptedOrder>(accepted.Count);
        foreach (var order in accepted)
        {
            ArgumentNullException.ThrowIfNull(order, nameof(accepted));
            Validate(order);
            if (byId.TryGetValue(order.OrderId, out var seen))
            {
                if (seen.ExpectedStatus != order.ExpectedStatus)
                {
                    throw new ArgumentException(
                        $"Order {order.OrderId} is listed twice with different expected statuses ({seen.ExpectedStatus ?? "either"}, {order.ExpectedStatus ?? "either"}).",
                        nameof(accepted));
                }

                continue;
            }

            byId.Add(order.OrderId, order);
            ordered.Add(order);
        }

        return ordered;
    }

    private static void Validate(AcceptedOrder order)
    {
        if (string.IsNullOrEmpty(order.OrderId) || order.OrderId.Any(c => c is '.' or '*' or '>' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"'{order.OrderId}' is not an order id: it must be one subject token (no '.', '*', '>', spaces).", nameof(order));
        }

        if (order.ExpectedStatus is not null && !FinalStatuses.IsFinal(order.ExpectedStatus))
        {
            throw new ArgumentException(
                $"Expected status '{order.ExpectedStatus}' of order {order.OrderId} is not {FinalStatuses.Paid} or {FinalStatuses.PaymentFailed}.", nameof(order));
        }
    }
}
