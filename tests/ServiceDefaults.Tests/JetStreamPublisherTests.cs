using System.Diagnostics;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.JetStream;

namespace FunctionsOrders.ServiceDefaults.Tests;

[Collection(NatsCollection.Name)]
public sealed class JetStreamPublisherTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Published_event_is_stored_with_id_type_content_type_and_trace_headers()
    {
        using var timeout = TestTimeout.Start();
        await using var services = await StartAsync(nats.Server.Url);
        var topology = services.GetRequiredService<JetStreamTopology>();
        var publisher = services.GetRequiredService<IJetStreamPublisher>();
        var order = new OrderCreated { OrderId = Guid.NewGuid().ToString(), CustomerId = "cust-1" };
        using var listener = ListenToAllSources();
        using var parent = new Activity("test").Start();

        var ack = await publisher.PublishAsync(topology.Subjects.OrderCreated(order.OrderId), order, order.OrderId, timeout.Token);

        Assert.False(ack.Duplicate);
        Assert.Equal(topology.OrdersStream, ack.Stream);
        var stored = await services.GetRequiredService<INatsJSContext>()
            .GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token);
        var message = await stored.GetDirectAsync(new() { Seq = ack.Sequence }, ProtobufSerializer<OrderCreated>.Default, timeout.Token);
        Assert.Equal(topology.Subjects.OrderCreated(order.OrderId), message.Headers!["Nats-Subject"].ToString());
        Assert.Equal(order, message.Data);
        var headers = message.Headers!;
        Assert.Equal(order.OrderId, headers[MessageHeaders.MessageId].ToString());
        Assert.Equal(EventTypes.OrderCreated, headers[MessageHeaders.EventType].ToString());
        Assert.Equal(MessageHeaders.ProtobufContentType, headers[MessageHeaders.ContentType].ToString());
        Assert.StartsWith($"00-{parent.TraceId}-", headers[MessageHeaders.TraceParent].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_message_id_twice_is_stored_once_and_the_second_ack_says_duplicate()
    {
        using var timeout = TestTimeout.Start();
        await using var services = await StartAsync(nats.Server.Url);
        var topology = services.GetRequiredService<JetStreamTopology>();
        var publisher = services.GetRequiredService<IJetStreamPublisher>();
        var order = new OrderCreated { OrderId = Guid.NewGuid().ToString() };
        var subject = topology.Subjects.OrderCreated(order.OrderId);

        var first = await publisher.PublishAsync(subject, order, order.OrderId, timeout.Token);
        var second = await publisher.PublishAsync(subject, order, order.OrderId, timeout.Token);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Sequence, second.Sequence);
        var stream = await services.GetRequiredService<INatsJSContext>().GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token);
        Assert.Equal(1, stream.Info.State.Messages);
    }

    [Fact]
    public async Task First_on_subject_is_stored_once_for_good_and_later_ids_on_the_subject_are_answered_as_duplicates()
    {
        using var timeout = TestTimeout.Start();
        await using var services = await StartAsync(nats.Server.Url);
        var topology = services.GetRequiredService<JetStreamTopology>();
        var publisher = services.GetRequiredService<IJetStreamPublisher>();
        var order = new OrderCreated { OrderId = Guid.NewGuid().ToString(), CustomerId = "cust-1" };
        var subject = topology.Subjects.OrderCreated(order.OrderId);

        var first = await publisher.PublishAsync(subject, order, order.OrderId, PublishCondition.FirstOnSubject, timeout.Token);
        // Another message id on the same subject, as a repeat after the duplicate window has forgotten the first id.
        var later = await publisher.PublishAsync(subject, order, Guid.NewGuid().ToString(), PublishCondition.FirstOnSubject, timeout.Token);
        var sameId = await publisher.PublishAsync(subject, order, order.OrderId, PublishCondition.FirstOnSubject, timeout.Token);

        Assert.False(first.Duplicate);
        Assert.Equal(new PublishResult(topology.OrdersStream, first.Sequence, Duplicate: true), later);
        Assert.Equal(new PublishResult(topology.OrdersStream, first.Sequence, Duplicate: true), sameId);
        var stream = await services.GetRequiredService<INatsJSContext>().GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token);
        Assert.Equal(1, stream.Info.State.Messages);

        // Without the condition, a new id on the subject is stored: the condition is what holds the subject.
        var unconditional = await publisher.PublishAsync(subject, order, Guid.NewGuid().ToString(), timeout.Token);
        Assert.False(unconditional.Duplicate);
    }

    [Fact]
    public async Task Full_stream_refuses_with_the_typed_error_and_is_not_retried()
    {
        using var timeout = TestTimeout.Start();
        await using var services = await StartAsync(nats.Server.Url, new Dictionary<string, string?>
        {
            ["Topology:OrdersMaxBytes"] = "4096",
            ["Nats:Publish:Deadline"] = "00:00:10",
        });
        var topology = services.GetRequiredService<JetStreamTopology>();
        var publisher = services.GetRequiredService<IJetStreamPublisher>();
        var big = new OrderCreated { CustomerId = new string('x', 1500) };

        JetStreamPublishException? error = null;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10 && error is null; i++)
        {
            big.OrderId = Guid.NewGuid().ToString();
            clock.Restart();
            try
            {
                await publisher.PublishAsync(topology.Subjects.OrderCreated(big.OrderId), big, big.OrderId, timeout.Token);
            }
            catch (JetStreamPublishException e)
            {
                error = e;
            }
        }

        Assert.NotNull(error);
        Assert.Equal(PublishFailureReason.StreamFull, error.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"a full stream is final, not retried until the deadline (took {clock.Elapsed})");
    }

    internal static async Task<ServiceProvider> StartAsync(string url, IDictionary<string, string?>? settings = null)
    {
        var services = TestServices.Create(url, TestServices.UniquePrefix(), settings);
        await services.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync();
        return services;
    }

    private static ActivityListener ListenToAllSources()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
