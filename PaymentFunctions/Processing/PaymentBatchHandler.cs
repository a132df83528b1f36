using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>
/// Handles a dispatch batch of <c>OrderCreated</c> messages within the batch's time budget. First each message is
/// charged (or found in the ledger), at most <see cref="PaymentOptions.MaxConcurrency"/> at a time: a message is
/// started only while at least <see cref="PaymentOptions.MessageBudget"/> is left, twice that for a delivery that
/// may search the provider first (the first <see cref="PaymentOptions.MaxConcurrency"/> always are, so every batch
/// makes progress), and the others are answered RETRY <c>not_started</c>, which the bridge sends again without
/// spending a delivery. Then the new charges are recorded together (a ledger transaction per partition) and the
/// payments published. Charging ends <see cref="RecordingReserve"/> before the budget, so that one slow charge cannot
/// hold back the rows and payments of the others; work still running at its end is cut and answered RETRY. Nothing is
/// charged while the ledger cannot be written.
/// </summary>
internal sealed class PaymentBatchHandler(ProcessPaymentHandler handler, IOptions<PaymentOptions> options, TimeProvider time)
{
    /// <summary>The end of a batch's budget kept for recording and publishing: 1 s, at most a quarter of the budget.</summary>
    public static TimeSpan RecordingReserve(TimeSpan budget) => TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, budget.Ticks / 4));

    public async Task<DispatchResponse> HandleAsync(DispatchBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var settings = options.Value;
        var received = time.GetTimestamp();
        var budget = batch.TimeBudget?.ToTimeSpan() is { } given && given > TimeSpan.Zero ? given : (TimeSpan?)null;
        using var timeUp = budget is { } b ? new CancellationTokenSource(b, time) : new CancellationTokenSource();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeUp.Token);
        var chargeWindow = budget is { } w ? w - RecordingReserve(w) : (TimeSpan?)null;
        using var chargeTimeUp = chargeWindow is { } c ? new CancellationTokenSource(c, time) : new CancellationTokenSource();
        using var chargeDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, chargeTimeUp.Token);

        var outcomes = new MessageOutcome?[batch.Messages.Count];
        var works = new PaymentWork?[outcomes.Length];
        try
        {
            Exception? unavailable = null;
            try
            {
                unavailable = outcomes.Length > 0 ? await handler.LedgerReadyAsync(deadline.Token) : null;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return Answer(batch, outcomes, works, settings);
            }

            if (unavailable is not null)
            {
                return new DispatchResponse { Outcomes = { batch.Messages.Select(m => handler.Unhandled(m, unavailable)) } };
            }

            var started = 0;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, outcomes.Length), parallel, async (i, _) =>
            {
                var message = batch.Messages[i];
                var firstWave = Interlocked.Increment(ref started) <= settings.MaxConcurrency;
                // A delivery that is not the first may search the provider before it charges: it needs two attempts' time.
                var needed = Deliveries.MayNeedSearch(message) ? settings.MessageBudget * 2 : settings.MessageBudget;
                if (!firstWave && chargeWindow is { } window && window - time.GetElapsedTime(received) < needed)
                {
                    outcomes[i] = Outcomes.Retry(message, OutcomeReasons.NotStarted, TimeSpan.Zero);
                    return;
                }

                try
                {
                    works[i] = await handler.PrepareAsync(batch, message, chargeDeadline.Token);
                }
                catch (OperationCanceledException) when (chargeDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // Answered below.
                }
            });

            try
            {
                var charged = works.Where(w => w is { Outcome: null, NeedsRecording: true }).Select(w => w!).ToList();
                if (charged.Count > 0)
                {
                    await handler.RecordAsync(charged, deadline.Token);
                }

                await Task.WhenAll(works.Where(w => w is { Outcome: null }).Select(w => handler.PublishAsync(w!, deadline.Token)));
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Answered below.
            }

            return Answer(batch, outcomes, works, settings);
        }
        finally
        {
            foreach (var work in works)
            {
                work?.Dispose();
            }
        }
    }

    /// <summary>Each message's outcome; one that has none was cut by the budget.</summary>
    private static DispatchResponse Answer(DispatchBatch batch, MessageOutcome?[] outcomes, PaymentWork?[] works, PaymentOptions settings)
    {
        var result = new DispatchResponse();
        for (var i = 0; i < outcomes.Length; i++)
        {
            result.Outcomes.Add(outcomes[i] ?? works[i]?.Outcome
                ?? Outcomes.Retry(batch.Messages[i], OutcomeReasons.BudgetExhausted, settings.RetryDelay));
        }

        return result;
    }
}
