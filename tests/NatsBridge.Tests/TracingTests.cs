using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

[Collection(NatsCollection.Name)]
public sealed class TracingTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Function_receives_each_message_in_its_own_trace_and_the_batch_span_joins_it_and_links_them()
    {
        using var timeout = TestTimeout.Start();
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is BridgeTelemetry.ActivitySourceName or "FunctionsOrders.Messaging",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var function = await ScriptedFunction.StartAsync();
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url);

        ActivityTraceId published;
        using (var order = new Activity("place order").Start())
        {
            published = order.TraceId;
            await bridge.PublishOrderAsync(timeout.Token);
        }

        await Poll.UntilAsync(async () => await SettlementTests.Settled(bridge, timeout.Token), TimeSpan.FromSeconds(20), "the ack", cancellationToken: timeout.Token);
        var traceparent = Assert.Single(function.Received).Message.Headers.Single(h => h.Name == MessageHeaders.TraceParent).Value;
        var received = ActivityContext.Parse(traceparent, null);
        Assert.Equal(published, received.TraceId);
        await Poll.UntilAsync(() => stopped.Any(a => a.OperationName == "dispatch test"), TimeSpan.FromSeconds(5), "the dispatch span", cancellationToken: timeout.Token);
        var process = Assert.Single(stopped, a => a.OperationName == "process test");
        Assert.Equal(published, process.TraceId);
        Assert.Equal(received.SpanId, process.SpanId);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        var dispatch = Assert.Single(stopped, a => a.OperationName == "dispatch test");
        Assert.Contains(dispatch.Links, l => l.Context.TraceId == published);

        // The batch makes no trace of its own: it sits under the span of its (first) message.
        Assert.Equal(published, dispatch.TraceId);
        Assert.Equal(process.SpanId, dispatch.ParentSpanId);
    }
}
