using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using NATS.Client.JetStream;
using Polly.CircuitBreaker;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>Dispatch and settlement of one batch.</summary>
internal sealed class BatchRun(RouteWorker worker, List<INatsJSMsg<byte[]>> batch)
{
    public async Task RunAsync()
    {
        var route = worker.Route;
        using var dispatchActivity = BridgeTelemetry.StartDispatch(route, batch);
        var messageActivities = batch.Select(m => BridgeTelemetry.StartMessage(route, m)).ToArray();

        // Each message span lives in its own trace; the HTTP call belongs under the batch span.
        Activity.Current = dispatchActivity;
        try
        {
            var request = BatchBuilder.Build(route, batch, messageActivities);
            using var progress = new InProgressAcks(batch, route.Options.EffectiveInProgressInterval(), worker.Time);

            // A batch fetched just as the route paused waits out the pause (kept alive by in-progress acks)
            // rather than hammering a function that asked for quiet.
            await worker.WaitWhilePausedAsync(worker.Aborted).ContinueWith(_ => { }, TaskScheduler.Default);
            var clock = Stopwatch.StartNew();
            var (response, pause) = await DispatchAsync(request);
            worker.Metrics.DispatchLatency(route.Name, clock.Elapsed);
            await progress.StopAsync();
            if (worker.Aborted.IsCancellationRequested)
            {
                await worker.Settler.NakNowAsync(route, batch, "shutdown");
                return;
            }

            await SettleAsync(response, pause);
        }
        finally
        {
            foreach (var activity in messageActivities)
            {
                activity?.Dispose();
            }
        }
    }

    private async Task<(DispatchResponse? Response, TimeSpan? Pause)> DispatchAsync(
        DispatchBatch request)
    {
        var route = worker.Route;
        try
        {
            var response = await worker.Breaker.ExecuteAsync(
                static async (state, token) => await state.dispatcher.DispatchAsync(state.route, state.request, token),
                (dispatcher: worker.Dispatcher, route, request),
                worker.Aborted);
            return (response, null);
        }
        catch (DispatchFailedException ex)
        {
            worker.Metrics.Count("dispatch_failed", route.Name, ex.Reason);
            Log.BatchFailed(worker.Logger, route.Name, batch.Count, ex.Reason, ex);
            return (null, null);
        }
        catch (BrokenCircuitException ex)
        {
            var pause = ex.RetryAfter ?? route.Options.BreakDuration;
            worker.Pause(pause, "route breaker open");
            worker.Metrics.Count("dispatch_failed", route.Name, RouteWorker.BreakerOpenReason);
            return (null, pause);
        }
        catch (OperationCanceledException) when (worker.Aborted.IsCancellationRequested)
        {
            return (null, null);
        }
    }

    private async Task SettleAsync(DispatchResponse? response, TimeSpan? pause)
    {
        var route = worker.Route;
        var outcomes = response?.Outcomes.GroupBy(o => o.StreamSequence).ToDictionary(g => g.Key, g => g.Last());
        var settlements = new List<Task>(batch.Count);
        foreach (var message in batch)
        {
            var metadata = message.Metadata!.Value;
            SettleAction action;
            if (outcomes is null)
            {
                action = SettlementPolicy.BatchFailed(metadata.NumDelivered, route.Options, pause);
            }
            else
            {
                var outcome = outcomes.GetValueOrDefault(metadata.Sequence.Stream);
                if (outcome is null)
                {
                    Log.MissingOutcome(worker.Logger, route.Name, metadata.Sequence.Stream);
                }
                else if (outcome.Reason == RouteWorker.BreakerOpenReason && outcome.RetryDelay is { } delay)
                {
                    worker.Pause(delay.ToTimeSpan(), "function breaker open");
                }

                action = SettlementPolicy.Decide(outcome, metadata.NumDelivered, route.Options);
            }

            settlements.Add(worker.Settler.SettleAsync(route, message, action));
        }

        await Task.WhenAll(settlements);
    }
}
