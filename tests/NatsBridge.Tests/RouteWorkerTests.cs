using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Metrics;
using FunctionsOrders.NatsBridge.Routing;
using FunctionsOrders.NatsBridge.Tests.Fakes;
using FunctionsOrders.TestInfrastructure;
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
        var metrics = new BridgeMetrics();
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

    private sealed class SingleClientFactory : IHttpClientFactory, IDisposable
    {
        private readonly HttpClient _client = new() { Timeout = Timeout.InfiniteTimeSpan };

        public HttpClient CreateClient(string name) => _client;

        public void Dispose() => _client.Dispose();
    }
}
