using System.Diagnostics;
using System.Diagnostics.Metrics;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Metrics;
using FunctionsOrders.NatsBridge.Routing;
using FunctionsOrders.NatsBridge.Tests.Fakes;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Polly;

namespace FunctionsOrders.NatsBridge.Tests;

public sealed class RouteWorkerTests
{
    [Fact]
    public async Task Failing_to_look_up_the_consumer_does_not_add_dispatch_slots()
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
        function.Gate.Reset();
        var lookups = 0;
        var js = FakeContext.Create(() => Interlocked.Increment(ref lookups) <= 3
            ? ValueTask.FromException<INatsJSConsumer>(new NatsException("consumer lookup failed"))
            : ValueTask.FromResult<INatsJSConsumer>(new FakeConsumer()));
        var options = new BridgeRouteOptions { Stream = "ORDERS", FilterSubject = "orders.created.>", Url = function.Url, BatchSize = 1, MaxBatchesInFlight = 1 };
        var route = BridgeRoute.Resolve("slots", options, new JetStreamTopology(new TopologyOptions()));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new BridgeMetrics(services.GetRequiredService<IMeterFactory>());
        var settler = new BatchSettler(new DeadLetterPublisher(js, TimeProvider.System), metrics, NullLogger<BatchSettler>.Instance);
        using var http = new SingleClientFactory();
        var worker = new RouteWorker(route, js, new BatchDispatcher(http), settler, metrics, ResiliencePipeline.Empty, TimeProvider.System, NullLogger.Instance);
        using var stopping = new CancellationTokenSource();
        var running = worker.RunAsync(stopping.Token);

        await Poll.UntilAsync(() => worker.BatchesInFlight >= 1 && worker.FreeSlots == 0, TimeSpan.FromSeconds(30),
            "every dispatch slot taken", cancellationToken: timeout.Token);

        Assert.Equal(1, worker.BatchesInFlight);
        await stopping.CancelAsync();
        function.Gate.Set();
        await running;
        await worker.DrainAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_ack_that_cannot_be_sent_does_not_stop_the_rest_of_the_batch()
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
        var tries = new System.Collections.Concurrent.ConcurrentDictionary<ulong, int>();
        function.Script = batch => ScriptedFunction.Answer(batch, m => m.StreamSequence == 2 && tries.AddOrUpdate(2, 1, (_, n) => n + 1) == 1
            ? new Contracts.Bridge.V1.MessageOutcome { Outcome = Contracts.Bridge.V1.Outcome.Retry, Reason = Contracts.Messaging.OutcomeReasons.NotStarted }
            : new Contracts.Bridge.V1.MessageOutcome { Outcome = Contracts.Bridge.V1.Outcome.Ack });
        var refusesAck = new FakeMessage(1, failAck: true);
        var notStarted = new FakeMessage(2);
        var consumer = new FakeConsumer([refusesAck, notStarted]);
        var options = new BridgeRouteOptions
        {
            Stream = "ORDERS", FilterSubject = "orders.created.>", Url = function.Url, BatchSize = 1, MaxBatchesInFlight = 1, NakBackoff = "00:00:00.100",
        };
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var counters = new BridgeCounters(services.GetRequiredService<IMeterFactory>());
        var worker = Worker(options, consumer, services.GetRequiredService<IMeterFactory>());
        using var stopping = new CancellationTokenSource();
        var running = worker.RunAsync(stopping.Token);

        // The first message's ack fails; the second, held once, is sent again and acked.
        await Poll.UntilAsync(() => notStarted.Acks == 1, TimeSpan.FromSeconds(30), "the held message acked", cancellationToken: timeout.Token);

        Assert.Equal(1, refusesAck.Acks);
        Assert.Equal(1, counters.Get("settle_failed", "slots", "ack"));
        await stopping.CancelAsync();
        await running;
        await worker.DrainAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_message_with_nothing_pending_after_it_goes_out_without_a_top_up_fetch()
    {
        var (consumer, _) = await DispatchAllAsync([new(1), new(2), new(3)]);

        // Each message's metadata says the stream held nothing more for the consumer, so a no-wait pull after it
        // would have come back empty: each went out alone, straight from its waiting fetch.
        Assert.Equal(0, consumer.NoWaitFetches);
        Assert.True(consumer.WaitingFetches >= 2, $"{consumer.WaitingFetches} waiting fetches");
    }

    [Fact]
    public async Task A_message_with_more_pending_after_it_is_topped_up_into_the_same_batch()
    {
        var (consumer, batches) = await DispatchAllAsync([new(1), new(2, numPending: 1), new(3)]);

        Assert.Equal(1, consumer.NoWaitFetches);
        Assert.Equal(2, batches);
    }

    [Fact]
    public async Task On_a_busy_route_a_lingering_batch_goes_once_it_would_be_full_not_after_the_whole_linger()
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
        var linger = TimeSpan.FromSeconds(2);
        var storedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        FakeMessage[] messages =
        [
            new(1, storedAt: storedAt), new(2, storedAt: storedAt.AddMilliseconds(1)),
            new(3, storedAt: storedAt.AddMilliseconds(2)), new(4, storedAt: storedAt.AddMilliseconds(3)),
        ];
        var consumer = new FakeConsumer(messages);
        var options = new BridgeRouteOptions
        {
            Stream = "ORDERS", FilterSubject = "orders.created.>", Url = function.Url, BatchSize = 2, MaxBatchesInFlight = 2, Linger = linger,
        };
        // Another order at a function all along: every batch that starts with a waited-for message lingers.
        var atFunctions = new KeysAtFunctions();
        atFunctions.Enter("orders.created.other");
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var worker = Worker(options, consumer, services.GetRequiredService<IMeterFactory>(), atFunctions);
        using var stopping = new CancellationTokenSource();
        var running = worker.RunAsync(stopping.Token);

        // The first batch knows no rate yet: it waits the whole linger, then is full with messages 1 and 2, stored
        // 1 ms apart. Message 3 is taken at once (the stream was not drained) and goes alone.
        await Poll.UntilAsync(() => messages[0].Acks == 1, TimeSpan.FromSeconds(30), "the first batch acked", cancellationToken: timeout.Token);
        var firstAcked = Stopwatch.StartNew();
        await Poll.UntilAsync(() => messages[3].Acks == 1, TimeSpan.FromSeconds(30), "message 4 acked", cancellationToken: timeout.Token);

        // Message 4 was waited for and lingers: at 1,000 messages a second its batch is full 1 ms later, so it does
        // not wait out the linger (no company comes, and it goes alone).
        Assert.True(firstAcked.Elapsed < linger / 2, $"message 4 was acked {firstAcked.Elapsed.TotalMilliseconds:0} ms after the first batch");
        Assert.Equal(3, function.Requests - function.Probes);
        await stopping.CancelAsync();
        await running;
        await worker.DrainAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Runs a route without lingering over <paramref name="messages"/> until each is acked; the consumer, and the batches the function got.</summary>
    private static async Task<(FakeConsumer Consumer, int Batches)> DispatchAllAsync(FakeMessage[] messages)
    {
        using var timeout = TestTimeout.Start(60);
        await using var function = await ScriptedFunction.StartAsync();
        var consumer = new FakeConsumer(messages);
        var options = new BridgeRouteOptions
        {
            Stream = "ORDERS", FilterSubject = "orders.created.>", Url = function.Url, BatchSize = 10, MaxBatchesInFlight = 1, Linger = TimeSpan.Zero,
        };
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var worker = Worker(options, consumer, services.GetRequiredService<IMeterFactory>());
        using var stopping = new CancellationTokenSource();
        var running = worker.RunAsync(stopping.Token);

        await Poll.UntilAsync(() => messages.All(m => m.Acks == 1), TimeSpan.FromSeconds(30), "every message acked", cancellationToken: timeout.Token);

        var batches = function.Requests - function.Probes;
        await stopping.CancelAsync();
        await running;
        await worker.DrainAsync(TimeSpan.FromSeconds(10));
        return (consumer, batches);
    }

    private static RouteWorker Worker(BridgeRouteOptions options, INatsJSConsumer consumer, IMeterFactory meterFactory, KeysAtFunctions? atFunctions = null)
    {
        var js = FakeContext.Create(() => ValueTask.FromResult(consumer));
        var route = BridgeRoute.Resolve("slots", options, new JetStreamTopology(new TopologyOptions()));
        var metrics = new BridgeMetrics(meterFactory);
        var settler = new BatchSettler(new DeadLetterPublisher(js, TimeProvider.System), metrics, NullLogger<BatchSettler>.Instance);
        return new RouteWorker(route, js, new BatchDispatcher(new SingleClientFactory()), settler, metrics, ResiliencePipeline.Empty, TimeProvider.System, NullLogger.Instance, atFunctions);
    }

    private sealed class SingleClientFactory : IHttpClientFactory, IDisposable
    {
        private readonly HttpClient _client = new() { Timeout = Timeout.InfiniteTimeSpan };

        public HttpClient CreateClient(string name) => _client;

        public void Dispose() => _client.Dispose();
    }
}
