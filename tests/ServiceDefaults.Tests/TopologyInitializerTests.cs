using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.ServiceDefaults.Tests;

[Collection(NatsCollection.Name)]
public sealed class TopologyInitializerTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Ensure_run_twice_is_a_no_op_the_second_time()
    {
        using var timeout = TestTimeout.Start();
        await using var services = TestServices.Create(nats.Server.Url, TestServices.UniquePrefix());
        var initializer = services.GetRequiredService<JetStreamTopologyInitializer>();
        var js = services.GetRequiredService<INatsJSContext>();
        var topology = services.GetRequiredService<JetStreamTopology>();

        var first = await initializer.EnsureAsync(cancellationToken: timeout.Token);
        var created = (await js.GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token)).Info.Created;
        var second = await initializer.EnsureAsync(cancellationToken: timeout.Token);

        Assert.Equal(6, first.Count); // three streams, the bucket and the two consumers
        Assert.All(first, c => Assert.Equal(TopologyAction.Created, c.Action));
        Assert.All(second, c => Assert.Equal(TopologyAction.Unchanged, c.Action));
        Assert.Equal(created, (await js.GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token)).Info.Created);
    }

    [Fact]
    public async Task Streams_on_the_server_have_the_design_limits()
    {
        using var timeout = TestTimeout.Start();
        await using var services = TestServices.Create(nats.Server.Url, TestServices.UniquePrefix(), new Dictionary<string, string?>
        {
            ["Topology:DuplicateWindow"] = "00:30:00",
            ["Topology:OrdersMaxBytes"] = "10485760",
        });
        var topology = services.GetRequiredService<JetStreamTopology>();
        await services.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);
        var js = services.GetRequiredService<INatsJSContext>();

        var orders = (await js.GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token)).Info.Config;
        var consumer = (await js.GetConsumerAsync(topology.OrdersStream, TopologyNames.PaymentsConsumer, timeout.Token)).Info.Config;

        Assert.Equal(StreamConfigDiscard.New, orders.Discard);
        Assert.Equal(StreamConfigStorage.File, orders.Storage);
        Assert.Equal(TimeSpan.FromMinutes(30), orders.DuplicateWindow);
        Assert.Equal(10485760, orders.MaxBytes);
        Assert.Equal([topology.Subjects.OrdersAll], orders.Subjects!);
        Assert.Equal(ConsumerConfigAckPolicy.Explicit, consumer.AckPolicy);
        Assert.Equal(topology.Subjects.OrderCreatedAll, consumer.FilterSubject);
        Assert.Equal(ConsumerDefinition.UnlimitedDeliveries, consumer.MaxDeliver);
    }

    [Fact]
    public async Task Changed_setting_is_applied_in_place_and_reported()
    {
        using var timeout = TestTimeout.Start();
        var prefix = TestServices.UniquePrefix();
        await using (var before = TestServices.Create(nats.Server.Url, prefix))
        {
            await before.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);
        }

        await using var after = TestServices.Create(nats.Server.Url, prefix, new Dictionary<string, string?> { ["Topology:OrdersMaxBytes"] = "2097152" });
        var changes = await after.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);

        var orders = Assert.Single(changes, c => c.Action != TopologyAction.Unchanged);
        Assert.Equal(TopologyAction.Updated, orders.Action);
        Assert.Equal(prefix + "_ORDERS", orders.Name);
        Assert.Contains(orders.Differences, d => d.StartsWith("max_bytes", StringComparison.Ordinal));
        var js = after.GetRequiredService<INatsJSContext>();
        Assert.Equal(2097152, (await js.GetStreamAsync(prefix + "_ORDERS", cancellationToken: timeout.Token)).Info.Config.MaxBytes);
    }

    [Fact]
    public async Task Existing_stream_with_other_storage_fails_loudly()
    {
        using var timeout = TestTimeout.Start();
        var prefix = TestServices.UniquePrefix();
        await using var services = TestServices.Create(nats.Server.Url, prefix);
        var js = services.GetRequiredService<INatsJSContext>();
        await js.CreateStreamAsync(new StreamConfig(prefix + "_ORDERS", [prefix + ".orders.>"]) { Storage = StreamConfigStorage.Memory }, timeout.Token);

        var error = await Assert.ThrowsAsync<TopologyConflictException>(
            () => services.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token));

        Assert.Contains(prefix + "_ORDERS", error.Message, StringComparison.Ordinal);
        Assert.Contains("storage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_whose_subjects_another_stream_holds_fails_loudly()
    {
        using var timeout = TestTimeout.Start();
        var prefix = TestServices.UniquePrefix();
        await using var services = TestServices.Create(nats.Server.Url, prefix);
        var js = services.GetRequiredService<INatsJSContext>();
        await js.CreateStreamAsync(new StreamConfig(prefix + "_SQUATTER", [prefix + ".orders.created.>"]), timeout.Token);

        var error = await Assert.ThrowsAsync<TopologyConflictException>(
            () => services.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token));

        Assert.Contains("overlapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_server_that_could_not_answer_is_tried_again()
    {
        Assert.True(JetStreamTopologyInitializer.IsUnavailable(new NatsJSApiException(new ApiError { Code = 503, ErrCode = 10008, Description = "JetStream system temporarily unavailable" })));
        Assert.True(JetStreamTopologyInitializer.IsUnavailable(new TimeoutException()));
        Assert.False(JetStreamTopologyInitializer.IsUnavailable(new NatsJSApiException(new ApiError { Code = 400, ErrCode = 10065, Description = "subjects overlap with an existing stream" })));
        Assert.False(JetStreamTopologyInitializer.IsUnavailable(new NatsJSApiException(new ApiError { Code = 404, ErrCode = 10059, Description = "stream not found" })));
        Assert.False(JetStreamTopologyInitializer.IsUnavailable(new NatsJSApiException(new ApiError { Code = 503, ErrCode = 10039, Description = "JetStream not enabled for account" })));
        Assert.False(JetStreamTopologyInitializer.IsUnavailable(new NatsNoRespondersException()));
    }
}
