using System.Diagnostics;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.ServiceDefaults.Tests;

/// <summary>Each test here has a server of its own, since it stops, freezes or restarts it.</summary>
public sealed class ServerFailureTests
{
    [Fact]
    public async Task Publish_with_the_server_down_fails_within_its_deadline_with_the_typed_error()
    {
        using var timeout = TestTimeout.Start();
        await using var server = await NatsServer.StartAsync(cancellationToken: timeout.Token);
        await using var services = await JetStreamPublisherTests.StartAsync(server.Url, new Dictionary<string, string?> { ["Nats:Publish:Deadline"] = "00:00:01.500", ["Nats:Publish:AttemptTimeout"] = "00:00:00.500" });
        var (publisher, subjects) = (services.GetRequiredService<IJetStreamPublisher>(), services.GetRequiredService<JetStreamTopology>().Subjects);
        await server.KillAsync();
        var order = new OrderCreated { OrderId = Guid.NewGuid().ToString() };

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<JetStreamPublishException>(
            async () => await publisher.PublishAsync(subjects.OrderCreated(order.OrderId), order, order.OrderId, timeout.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.Contains(error.Reason, new[] { PublishFailureReason.DeadlineExceeded, PublishFailureReason.Unavailable });
        Assert.True(error.IsTransient);
        Assert.Equal(order.OrderId, error.MessageId);
        Assert.Equal(0, publisher.InFlight);
    }

    [Fact]
    public async Task Publishes_beyond_the_in_flight_bound_are_refused_at_once_instead_of_queued()
    {
        using var timeout = TestTimeout.Start();
        await using var server = await NatsServer.StartAsync(cancellationToken: timeout.Token);
        await using var services = await JetStreamPublisherTests.StartAsync(server.Url, new Dictionary<string, string?>
        {
            ["Nats:Publish:MaxInFlight"] = "4",
            ["Nats:Publish:Deadline"] = "00:00:20",
            ["Nats:Publish:AttemptTimeout"] = "00:00:20",
        });
        var (publisher, subjects) = (services.GetRequiredService<IJetStreamPublisher>(), services.GetRequiredService<JetStreamTopology>().Subjects);
        server.Pause();
        try
        {
            var held = Enumerable.Range(0, 4).Select(_ => Publish(publisher, subjects, timeout.Token)).ToList();
            await Poll.UntilAsync(() => publisher.InFlight == 4, TimeSpan.FromSeconds(5), "four publishes in flight", cancellationToken: timeout.Token);

            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<JetStreamPublishException>(async () => await Publish(publisher, subjects, timeout.Token));

            Assert.Equal(PublishFailureReason.InFlightLimitReached, error.Reason);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
            Assert.All(held, t => Assert.False(t.IsCompleted));
            server.Resume();
            var acks = await Task.WhenAll(held);
            Assert.All(acks, ack => Assert.False(ack.Duplicate));
            Assert.Equal(0, publisher.InFlight);
        }
        finally
        {
            server.Resume();
        }
    }

    [Fact]
    public async Task After_a_server_restart_publishing_resumes_on_the_same_connection()
    {
        using var timeout = TestTimeout.Start(90);
        await using var server = await NatsServer.StartAsync(cancellationToken: timeout.Token);
        await using var services = await JetStreamPublisherTests.StartAsync(server.Url);
        var (publisher, topology) = (services.GetRequiredService<IJetStreamPublisher>(), services.GetRequiredService<JetStreamTopology>());
        var connection = services.GetRequiredService<INatsConnection>();
        await Publish(publisher, topology.Subjects, timeout.Token);

        await server.KillAsync();
        await Poll.UntilAsync(() => connection.ConnectionState != NatsConnectionState.Open, TimeSpan.FromSeconds(10), "the client to notice the server is gone", cancellationToken: timeout.Token);
        await server.RestartAsync(timeout.Token);
        PublishResult? ack = null;
        await Poll.UntilAsync(
            async () =>
            {
                ack = await Publish(publisher, topology.Subjects, timeout.Token);
                return true;
            },
            TimeSpan.FromSeconds(30), "a publish to succeed after the restart", TimeSpan.FromMilliseconds(200), timeout.Token);

        Assert.Same(connection, services.GetRequiredService<INatsConnection>());
        Assert.Equal(NatsConnectionState.Open, connection.ConnectionState);
        Assert.NotNull(ack);
        var stream = await services.GetRequiredService<INatsJSContext>().GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token);
        Assert.Equal(2, stream.Info.State.Messages);
    }

    private static async Task<PublishResult> Publish(IJetStreamPublisher publisher, Contracts.Messaging.SubjectNames subjects, CancellationToken cancellationToken)
    {
        var order = new OrderCreated { OrderId = Guid.NewGuid().ToString() };
        return await publisher.PublishAsync(subjects.OrderCreated(order.OrderId), order, order.OrderId, cancellationToken);
    }
}
