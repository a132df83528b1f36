using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// Dispatch and settlement of one fetched batch. The batch stays with the bridge (kept alive by in-progress acks)
/// until each message is settled. A dispatch that fails as a whole (function down, 401 or 5xx, timeout, route breaker
/// open) is tried again after a backoff, once an empty probe batch shows that the function answers, and spends no
/// message's delivery budget. A batch that fails again right after a probe was answered is split in halves until
/// the message that makes it fail is alone: only that message spends its budget.
/// </summary>
internal sealed class BatchRun(RouteWorker worker, List<INatsJSMsg<byte[]>> batch)
{
    private readonly Activity?[] _activities = new Activity?[batch.Count];

    public async Task RunAsync()
    {
        var route = worker.Route;
        for (var i = 0; i < batch.Count; i++)
        {
            _activities[i] = BridgeTelemetry.StartMessage(route, batch[i]);
        }

        // Each message span lives in its own trace; the batch span joins the first message's trace, and the HTTP
        // calls belong under it.
        var dispatchActivity = BridgeTelemetry.StartDispatch(route, batch, _activities.Length > 0 ? _activities[0] : null);
        Activity.Current = dispatchActivity;
        using var held = new HeldMessages(batch);
        using var progress = new InProgressAcks(held, route.Options.EffectiveInProgressInterval(), worker.Time, worker.Logger, route.Name);
        try
        {
            var parts = new Queue<int[]>();
            parts.Enqueue(Enumerable.Range(0, batch.Count).ToArray());
            while (parts.TryDequeue(out var part))
            {
                await RunPartAsync(held, part, parts);
            }
        }
        catch (OperationCanceledException) when (worker.Stopping.IsCancellationRequested || worker.Aborted.IsCancellationRequested)
        {
            // Stopping: what is still held goes back to the stream for the next bridge. A dispatch cut by the drain
            // deadline may still run at the function (hosts do not cancel it), so that comes back once it is over.
            var delay = worker.Aborted.IsCancellationRequested ? route.Options.TimeBudget() : TimeSpan.Zero;
            await worker.Settler.NakAllAsync(route, await held.ReleaseAllAsync(), delay, "shutdown");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.BatchCrashed(worker.Logger, route.Name, ex);
            await worker.Settler.NakAllAsync(route, await held.ReleaseAllAsync(), TimeSpan.Zero, "bridge_error");
        }
        finally
        {
            await progress.StopAsync();
            dispatchActivity?.Dispose();
            foreach (var activity in _activities)
            {
                activity?.Dispose();
            }
        }
    }

    private async Task RunPartAsync(HeldMessages held, int[] part, Queue<int[]> parts)
    {
        var route = worker.Route;
        var failures = 0;
        var holds = 0;
        var answeredProbe = false;
        while (true)
        {
            worker.Stopping.ThrowIfCancellationRequested();
            await worker.WaitWhilePausedAsync(worker.Stopping);
            var (response, failure) = await DispatchAsync(held, part);
            if (response is not null)
            {
                var sent = part.Length;
                (part, var delay) = await SettleAsync(held, part, response);
                if (part.Length == 0)
                {
                    return;
                }

                // Held messages go out again after the delay the function asked for; a function that keeps holding
                // every message it is sent backs off like a failing one instead of being asked in a tight loop.
                holds = part.Length == sent ? holds + 1 : 0;
                if (holds > 0)
                {
                    delay = Max(delay, route.Options.BackoffFor((ulong)holds));
                }

                failures = 0;
                answeredProbe = false;
                await Task.Delay(delay, worker.Time, worker.Stopping);
                continue;
            }

            var reached = failure!.Value.MayHaveReachedFunction;
            if (reached)
            {
                held.CountUnanswered(part);
            }

            if (answeredProbe && reached)
            {
                await BlameAsync(held, part, parts);
                return;
            }

            failures = await BackOffUntilAnsweringAsync(failures + 1, failure.Value.Pause);
            answeredProbe = true;
        }
    }

    /// <summary>The function answered a probe, then failed this part: the part's content makes it fail.</summary>
    private async Task BlameAsync(HeldMessages held, int[] part, Queue<int[]> parts)
    {
        var route = worker.Route;
        if (part.Length > 1)
        {
            var half = part.Length / 2;
            parts.Enqueue(part[..half]);
            parts.Enqueue(part[half..]);
            worker.Metrics.Split(route.Name);
            Log.BatchSplit(worker.Logger, route.Name, part.Length);
            return;
        }

        var message = batch[part[0]];
        Log.MessageFailsAlone(worker.Logger, route.Name, message.Metadata!.Value.Sequence.Stream);
        await SettleOneAsync(held, part[0], SettlementPolicy.FailedAlone(message.Metadata!.Value.NumDelivered, route.Options));
    }

    /// <summary>Waits out a backoff (or the breaker's pause), then probes, until the function answers; returns the failures counted.</summary>
    private async Task<int> BackOffUntilAnsweringAsync(int failures, TimeSpan? pause)
    {
        var route = worker.Route;
        while (true)
        {
            await Task.Delay(pause ?? route.Options.BackoffFor((ulong)failures), worker.Time, worker.Stopping);
            await worker.WaitWhilePausedAsync(worker.Stopping);
            var (response, failure) = await DispatchAsync(null, []);
            worker.Metrics.Probed(route.Name, response is null ? failure!.Value.Reason : "answered");
            if (response is not null)
            {
                return failures;
            }

            failures++;
            pause = failure!.Value.Pause;
        }
    }

    private async Task<(int[] Held, TimeSpan Delay)> SettleAsync(HeldMessages held, int[] part, DispatchResponse response)
    {
        var route = worker.Route;
        var outcomes = response.Outcomes.GroupBy(o => o.StreamSequence).ToDictionary(g => g.Key, g => g.Last());
        var kept = new List<int>();
        var delay = TimeSpan.Zero;
        var settlements = new List<Task>(part.Length);
        foreach (var i in part)
        {
            var metadata = batch[i].Metadata!.Value;
            var outcome = outcomes.GetValueOrDefault(metadata.Sequence.Stream);
            if (outcome is null)
            {
                Log.MissingOutcome(worker.Logger, route.Name, metadata.Sequence.Stream);
            }
            else if (outcome.Reason == RouteWorker.BreakerOpenReason && outcome.RetryDelay is { } pause)
            {
                worker.Pause(pause.ToTimeSpan(), "function breaker open");
            }

            var action = SettlementPolicy.Decide(outcome, metadata.NumDelivered, route.Options);
            if (action.Kind == SettleKind.Hold)
            {
                kept.Add(i);
                delay = Max(delay, action.Delay);
                worker.Metrics.Held(route.Name, action.Reason);
            }
            else
            {
                settlements.Add(SettleOneAsync(held, i, action));
            }
        }

        await Task.WhenAll(settlements);
        return ([.. kept], delay);
    }

    private async Task SettleOneAsync(HeldMessages held, int index, SettleAction action)
    {
        if (!await held.ReleaseAsync(index))
        {
            return;
        }

        try
        {
            await worker.Settler.SettleAsync(worker.Route, batch[index], action);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The server heard nothing: the message comes back after the ack wait (the server sets no delivery
            // limit), and the rest of the batch is settled as it should be.
            worker.Metrics.SettleFailed(worker.Route.Name, action.Kind.ToString().ToLowerInvariant());
            Log.SettleFailed(worker.Logger, worker.Route.Name, action.Kind.ToString(), batch[index].Metadata?.Sequence.Stream ?? 0, ex);
        }
    }

    /// <summary>Dispatches <paramref name="part"/>; with no <paramref name="held"/> and no part, a probe.</summary>
    private async Task<(DispatchResponse? Response, DispatchFailure? Failure)> DispatchAsync(HeldMessages? held, int[] part)
    {
        var route = worker.Route;
        var request = held is null
            ? BatchBuilder.Build(route, [], [])
            : BatchBuilder.Build(route, [.. part.Select(i => held[i])], [.. part.Select(i => _activities[i])], [.. part.Select(held.Unanswered)]);
        var clock = Stopwatch.StartNew();
        var (response, failure) = await worker.DispatchAsync(request);
        if (part.Length > 0 && failure is not { Reason: RouteWorker.BreakerOpenReason })
        {
            worker.Metrics.DispatchDuration(route.Name, clock.Elapsed);
        }

        // Probes count too: during a long outage they are the dispatches that keep failing.
        if (failure is { } f)
        {
            worker.Metrics.DispatchFailed(route.Name, f.Reason);
            if (part.Length > 0)
            {
                Log.BatchFailed(worker.Logger, route.Name, part.Length, f.Reason, f.Exception);
            }
        }

        return (response, failure);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
