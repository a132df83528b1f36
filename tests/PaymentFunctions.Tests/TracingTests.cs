using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.PaymentFunctions.Telemetry;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests;

[Collection(PaymentsCollection.Name)]
public sealed class TracingTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_message_is_processed_in_its_own_trace_with_provider_and_ledger_spans_beneath()
    {
        using var timeout = TestTimeout.Start();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PaymentTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var batch = Batches.Of(scenario.App.Topology, Batches.Order(), Batches.Order());
        var parents = batch.Messages.Select(m =>
        {
            var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
            m.Headers.Add(new Header { Name = MessageHeaders.TraceParent, Value = $"00-{parent.TraceId}-{parent.SpanId}-01" });
            return parent;
        }).ToList();

        await scenario.App.Handler.HandleAsync(batch, timeout.Token);

        foreach (var parent in parents)
        {
            var trace = spans.Where(s => s.TraceId == parent.TraceId).ToList();
            var process = Assert.Single(trace, s => s.Kind == ActivityKind.Consumer);
            Assert.Equal(parent.SpanId, process.ParentSpanId);
            Assert.Equal("nats", process.GetTagItem("messaging.system"));
            Assert.Contains(trace, s => s.DisplayName == "charge payment provider" && s.ParentSpanId == process.SpanId);
            Assert.Contains(trace, s => s.DisplayName.StartsWith("insert ", StringComparison.Ordinal));
        }
    }
}
