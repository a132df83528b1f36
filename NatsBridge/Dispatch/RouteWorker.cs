using System.Collections.Concurrent;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using System.Diagnostics;
using FunctionsOrders.NatsBridge.Metrics;
using FunctionsOrders.NatsBridge.Routing;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using Polly;
using Polly.CircuitBreaker;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// One route's loop: fetch a batch when a dispatch slot is free, dispatch it, settle each message. Fetching pauses
/// while the route's breaker is open or the function says its own breaker is open.
/// </summary>
internal sealed class RouteWorker(
    BridgeRoute route,
    INatsJSContext js,
    BatchDispatcher dispatcher,
    BatchSettler settler,
    BridgeMetrics metrics,
    ResiliencePipeline breaker,
    TimeProvider time,
    ILogger logger,
    KeysAtFunctions? atFunctions = null)
{
    public const string BreakerOpenReason = OutcomeReasons.BreakerOpen;

    private readonly SemaphoreSlim _slots = new(route.Options.MaxBatchesInFlight);
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly CancellationTokenSource _abort = new();
    private DateTimeOffset _pausedUntil;
    private bool _drained = true;
    private long _consumingSinceTicks;
    private readonly KeysAtFunctions _atFunctions = atFunctions ?? new KeysAtFunctions();
    private readonly ArrivalRate _arrivals = new();

    public BridgeRoute Route => route;

    internal TimeProvider Time => time;

    internal BridgeMetrics Metrics => metrics;

    internal BatchSettler Settler => settler;

    internal ResiliencePipeline Breaker => breaker;

    internal BatchDispatcher Dispatcher => dispatcher;

    internal ILogger Logger => logger;

    /// <summary>The keys at a function or lingering, shared by every route of the bridge.</summary>
    internal KeysAtFunctions AtFunctions => _atFunctions;

    internal CancellationToken Aborted => _abort.Token;

    /// <summary>Set when the host stops: no new fetch, and held batches hand their messages back.</summary>
    internal CancellationToken Stopping { get; private set; }

    /// <summary>Batches in flight now (dispatched or held).</summary>
    internal int BatchesInFlight => _inFlight.Count;

    /// <summary>Dispatch slots not taken now.</summary>
    internal int FreeSlots => _slots.CurrentCount;

    /// <summary>When the last fetch returned (with or without messages); readiness reads it.</summary>
    public DateTimeOffset LastFetch { get; private set; }

    /// <summary>
    /// Since when the route asks its consumer for messages (null before its first fetch): from then on a message
    /// published reaches it, even while that first, long-polling fetch has not returned. Readiness reads it.
    /// </summary>
    public DateTimeOffset? ConsumingSince => Volatile.Read(ref _consumingSinceTicks) is var ticks and > 0
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : null;

    public bool Paused => time.GetUtcNow() < _pausedUntil;

    public async Task RunAsync(CancellationToken stopping)
    {
        Stopping = stopping;
        Log.RouteStarted(logger, route.Name, route.Stream, route.Consumer, route.FilterSubject, route.Options.Url);
        if (route.Options.MessageBudget is { } perMessage && perMessage * route.Options.BatchSize > route.Options.TimeBudget())
        {
            Log.BatchMayOutlastBudget(logger, route.Name, route.Options.BatchSize, perMessage.TotalSeconds, route.Options.TimeBudget().TotalSeconds);
        }
        await ProbeAtStartAsync(stopping);
        INatsJSConsumer? consumer = null;
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            var slotTaken = false;
            try
            {
                consumer ??= await js.GetConsumerAsync(route.Stream, route.Consumer, stopping);
                await WaitWhilePausedAsync(stopping);
                await _slots.WaitAsync(stopping);
                slotTaken = true;
                var batch = await FetchAsync(consumer, stopping);
                failures = 0;
                if (batch.Count == 0)
                {
                    _slots.Release();
                    continue;
                }

                var task = ProcessAsync(batch);
                _inFlight.TryAdd(task, 0);
                _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (slotTaken)
                {
                    _slots.Release();
                }

                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 200 * Math.Pow(2, Math.Min(failures++, 5))));
                Log.FetchFailed(logger, route.Name, delay.TotalMilliseconds, ex);
                await Task.Delay(delay, time, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Waits for in-flight batches (held ones hand their messages back at once, the host having signalled
    /// <see cref="Stopping"/>); past <paramref name="deadline"/>, aborts the dispatches and NAKs what is unsettled.
    /// </summary>
    public async Task DrainAsync(TimeSpan deadline)
    {
        var pending = _inFlight.Keys.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        Log.Draining(logger, route.Name, pending.Length);
        var all = Task.WhenAll(pending);
        if (await Task.WhenAny(all, Task.Delay(deadline, time)) != all)
        {
            Log.DrainDeadline(logger, route.Name);
            await _abort.CancelAsync();
            await all.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// One empty batch to the function before the first fetch. It opens the connection and takes the function's path
    /// once, so the first message does not pay for that, and it says in the log whether the function answers. Fetching
    /// starts whatever the answer: batches for a function that does not answer yet wait for it as they always do.
    /// </summary>
    private async Task ProbeAtStartAsync(CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var (response, failure) = await DispatchAsync(BatchBuilder.Build(route, [], [])).WaitAsync(stopping);
            metrics.Probed(route.Name, response is null ? failure!.Value.Reason : "answered");
            if (response is not null)
            {
                Log.StartProbeAnswered(logger, route.Name, clock.ElapsedMilliseconds);
            }
            else
            {
                Log.StartProbeFailed(logger, route.Name, failure!.Value.Reason, failure.Value.Exception);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || _abort.IsCancellationRequested)
        {
            // Stopping before the function answered: nothing was fetched, so nothing is owed.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Only advice: whatever went wrong here, the route fetches, and its batches meet the same fault then.
            metrics.Probed(route.Name, "error");
            Log.StartProbeFailed(logger, route.Name, ex.GetType().Name, ex);
        }
    }

    internal async Task WaitWhilePausedAsync(CancellationToken stopping)
    {
        for (var wait = _pausedUntil - time.GetUtcNow(); wait > TimeSpan.Zero; wait = _pausedUntil - time.GetUtcNow())
        {
            await Task.Delay(wait, time, stopping);
        }
    }

    private async Task<List<INatsJSMsg<byte[]>>> FetchAsync(INatsJSConsumer consumer, CancellationToken stopping)
    {
        var batch = new List<INatsJSMsg<byte[]>>(route.Options.BatchSize);
        var lingered = TimeSpan.Zero;
        // The consumer exists and is asked from here on: what is published now is fetched by this pull or the next.
        Interlocked.CompareExchange(ref _consumingSinceTicks, time.GetUtcNow().UtcTicks, 0);
        try
        {
            // Take what is there at once; when nothing is, wait for one message, then top the batch up without
            // waiting, so a partial batch never sits out the fetch expiry. After a short batch the stream was
            // drained a moment ago: skip the look that would most likely find nothing (one pull request less).
            if (!_drained)
            {
                await FetchIntoAsync(consumer, batch, noWait: true, stopping);
            }

            if (batch.Count == 0)
            {
                await FetchIntoAsync(consumer, batch, noWait: false, stopping);
                if (batch.Count > 0)
                {
                    // While it waits and tops up, the batch is work under way for the other routes too: a message
                    // they get meanwhile waits for company as well, instead of going out alone just before this batch.
                    // It waits Linger at most, and no longer than the batch takes to fill at the rate the route's
                    // recent batches told (ArrivalRate).
                    var lingering = ShouldLinger(batch[0]);
                    if (lingering)
                    {
                        _atFunctions.Enter(batch[0].Subject);
                    }

                    try
                    {
                        if (lingering)
                        {
                            lingered = _arrivals.LingerFor(route.Options.Linger, route.Options.BatchSize, batch[0].Metadata?.NumPending ?? 0);
                            await Task.Delay(lingered, time, stopping);
                        }

                        // The message says how many were left for this consumer after it: none, and it did not
                        // wait for more, then a top-up would come back empty; the next fetch takes any newcomer.
                        if (lingering || HasPendingAfter(batch[0]))
                        {
                            await FetchIntoAsync(consumer, batch, noWait: true, stopping);
                        }
                    }
                    finally
                    {
                        if (lingering)
                        {
                            _atFunctions.Exit(batch[0].Subject);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Fetched but never dispatched: hand them back for immediate redelivery.
            await settler.NakNowAsync(route, batch, "shutdown");
            throw;
        }
        catch (Exception ex) when (batch.Count > 0 && ex is not OutOfMemoryException)
        {
            // A fetch that failed half-way still delivered these: dispatch them rather than leave them to the ack wait.
            Log.FetchFailedPartway(logger, route.Name, batch.Count, ex);
        }

        _drained = batch.Count < route.Options.BatchSize;
        _arrivals.Observe(batch, route.Options.BatchSize, lingered);
        LastFetch = time.GetUtcNow();
        metrics.Fetched(route.Name, batch.Count);
        foreach (var message in batch)
        {
            metrics.DeliveryCount(route.Name, message.Metadata?.NumDelivered ?? 1);
        }

        return batch;
    }

    /// <summary>
    /// Whether to wait <c>Linger</c> for company after a first message: only while a message of another key is at a
    /// function or leads a lingering batch on any route (other work is under way), and not when the stream already
    /// holds a full batch.
    /// </summary>
    private bool ShouldLinger(INatsJSMsg<byte[]> first) =>
        route.Options.Linger > TimeSpan.Zero
        && (first.Metadata?.NumPending ?? 0) < (ulong)(route.Options.BatchSize - 1)
        && _atFunctions.AnyOtherThan(first.Subject);

    /// <summary>Whether the stream held more for this consumer when <paramref name="message"/> was delivered (unknown counts as yes).</summary>
    private static bool HasPendingAfter(INatsJSMsg<byte[]> message) => message.Metadata is not { NumPending: 0 };

    private async Task FetchIntoAsync(INatsJSConsumer consumer, List<INatsJSMsg<byte[]>> batch, bool noWait, CancellationToken stopping)
    {
        var room = route.Options.BatchSize - batch.Count;
        var messages = noWait
            ? consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = room }, cancellationToken: stopping)
            : consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1, Expires = route.Options.FetchExpires }, cancellationToken: stopping);
        await foreach (var message in messages)
        {
            batch.Add(message);
        }
    }

    private async Task ProcessAsync(List<INatsJSMsg<byte[]>> batch)
    {
        await Task.Yield();
        try
        {
            await new BatchRun(this, batch).RunAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.BatchCrashed(logger, route.Name, ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>POSTs a batch through the route's breaker; an aborted dispatch (drain deadline) throws.</summary>
    internal async Task<(DispatchResponse? Response, DispatchFailure? Failure)> DispatchAsync(DispatchBatch request)
    {
        _atFunctions.Enter(request);
        try
        {
            var response = await breaker.ExecuteAsync(
                static async (state, token) => await state.dispatcher.DispatchAsync(state.route, state.request, token),
                (dispatcher, route, request),
                _abort.Token);
            return (response, null);
        }
        catch (DispatchFailedException ex)
        {
            return (null, new DispatchFailure(ex.Reason, null, ex));
        }
        catch (BrokenCircuitException ex)
        {
            var pause = ex.RetryAfter ?? route.Options.BreakDuration;
            Pause(pause, "route breaker open");
            return (null, new DispatchFailure(BreakerOpenReason, pause, null));
        }
        finally
        {
            _atFunctions.Exit(request);
        }
    }

    internal void Pause(TimeSpan duration, string reason)
    {
        var until = time.GetUtcNow() + duration;
        if (until > _pausedUntil)
        {
            _pausedUntil = until;
            Log.RoutePaused(logger, route.Name, duration.TotalMilliseconds, reason);
        }
    }
}
