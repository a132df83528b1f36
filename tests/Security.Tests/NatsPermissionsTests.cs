using System.Collections.Concurrent;
using FunctionsOrders.Contracts.Security;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.Security.Tests;

/// <summary>
/// nats-server on the AppHost's auth file, with the users and permissions of <see cref="NatsPermissions"/>: each
/// component's user can do its own part and is refused outside it, and only the topology user changes streams.
/// </summary>
public sealed class NatsPermissionsTests : IAsyncLifetime
{
    private readonly NatsUsersForTest _users = new("p" + Guid.NewGuid().ToString("N")[..10]);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("nats-permissions-test-");
    private NatsServer _server = null!;

    public async Task InitializeAsync()
    {
        using var timeout = TestTimeout.Start(60);
        _server = await NatsServer.StartAsync(["-c", _users.WriteAuthFile(_directory.FullName)], timeout.Token);

        // The streams, the bucket and the bridge's consumers, as the topology user creates them.
        await using var admin = Connect(NatsUserNames.Topology);
        var js = new NatsJSContext(admin);
        foreach (var stream in _users.Topology.Streams())
        {
            await js.CreateStreamAsync(stream, timeout.Token);
        }

        await new NatsKVContext(js).CreateStoreAsync(_users.Topology.OrderStatusBucketConfig(), timeout.Token);
        foreach (var consumer in _users.Topology.DefaultConsumers())
        {
            await js.CreateOrUpdateConsumerAsync(consumer.Stream, consumer.ToConsumerConfig(), timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        FreePortRetry.DeleteDirectory(_directory.FullName);
    }

    [Fact]
    public async Task Orders_publishes_orders_and_uses_the_bucket_and_is_refused_payments_and_stream_administration()
    {
        using var timeout = TestTimeout.Start(60);
        await using var orders = Connect(NatsUserNames.Orders);
        var js = new NatsJSContext(orders);
        var topology = _users.Topology;

        var ack = await js.PublishAsync(topology.Subjects.OrderCreated("o-1"), new byte[] { 1 }, cancellationToken: timeout.Token);
        ack.EnsureSuccess();
        var stream = await js.GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token);
        var stored = await stream.GetDirectAsync<byte[]>(new StreamMsgGetRequest { LastBySubj = topology.Subjects.OrderCreated("o-1") }, cancellationToken: timeout.Token);
        Assert.Equal([1], stored.Data);
        var leaderRead = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = topology.Subjects.OrderCreated("o-1") }, timeout.Token);
        Assert.Equal(ack.Seq, leaderRead.Message.Seq);
        var bucket = await new NatsKVContext(js).GetStoreAsync(topology.OrderStatusBucket, timeout.Token);
        var revision = await bucket.CreateAsync("o-1", new byte[] { 2 }, cancellationToken: timeout.Token);
        await bucket.UpdateAsync("o-1", new byte[] { 3 }, revision, cancellationToken: timeout.Token);
        Assert.Equal([3], (await bucket.GetEntryAsync<byte[]>("o-1", cancellationToken: timeout.Token)).Value);

        await AssertRefusedAsync(orders, topology.Subjects.PaymentProcessed("o-1"),
            ct => orders.PublishAsync(topology.Subjects.PaymentProcessed("o-1"), new byte[] { 1 }, cancellationToken: ct).AsTask());
        await AssertRefusedAsync(orders, topology.Subjects.DeadLetter("payments"),
            ct => orders.PublishAsync(topology.Subjects.DeadLetter("payments"), new byte[] { 1 }, cancellationToken: ct).AsTask());
        await AssertStreamAdministrationRefusedAsync(orders, timeout.Token);
        await AssertRefusedAsync(orders, "$JS.API.CONSUMER.CREATE." + topology.OrdersStream,
            ct => js.CreateOrUpdateConsumerAsync(topology.OrdersStream, new ConsumerConfig("intruder"), ct).AsTask());
        await AssertRefusedAsync(orders, "$JS.API.CONSUMER.MSG.NEXT." + topology.OrdersStream,
            ct => orders.PublishAsync($"$JS.API.CONSUMER.MSG.NEXT.{topology.OrdersStream}.payments", "1", cancellationToken: ct).AsTask());
        await AssertRefusedAsync(orders, "$JS.API.STREAM.INFO." + topology.PaymentsStream,
            ct => js.GetStreamAsync(topology.PaymentsStream, cancellationToken: ct).AsTask());
        await AssertSubscribeRefusedAsync(orders, topology.Subjects.OrdersAll, timeout.Token);
    }

    [Fact]
    public async Task Payments_publishes_payment_outcomes_and_is_refused_orders_and_stream_administration()
    {
        using var timeout = TestTimeout.Start(60);
        await using var payments = Connect(NatsUserNames.Payments);
        var js = new NatsJSContext(payments);
        var topology = _users.Topology;

        (await js.PublishAsync(topology.Subjects.PaymentProcessed("o-2"), new byte[] { 1 }, cancellationToken: timeout.Token)).EnsureSuccess();

        await AssertRefusedAsync(payments, topology.Subjects.OrderCreated("o-2"),
            ct => payments.PublishAsync(topology.Subjects.OrderCreated("o-2"), new byte[] { 1 }, cancellationToken: ct).AsTask());
        await AssertRefusedAsync(payments, "$KV." + topology.OrderStatusBucket,
            ct => payments.PublishAsync($"$KV.{topology.OrderStatusBucket}.o-2", new byte[] { 1 }, cancellationToken: ct).AsTask());
        await AssertStreamAdministrationRefusedAsync(payments, timeout.Token);
    }

    [Fact]
    public async Task Bridge_reads_and_settles_its_consumers_and_writes_dead_letters_and_is_refused_stream_administration()
    {
        using var timeout = TestTimeout.Start(60);
        var topology = _users.Topology;
        await using (var orders = Connect(NatsUserNames.Orders))
        {
            (await new NatsJSContext(orders).PublishAsync(topology.Subjects.OrderCreated("o-3"), new byte[] { 1 }, cancellationToken: timeout.Token)).EnsureSuccess();
        }

        await using var bridge = Connect(NatsUserNames.Bridge);
        var js = new NatsJSContext(bridge);
        var definition = topology.DefaultConsumers()[0];
        await js.UpdateConsumerAsync(definition.Stream, definition.ToConsumerConfig() with { MaxAckPending = 100 }, timeout.Token);
        var consumer = await js.GetConsumerAsync(definition.Stream, definition.Name, timeout.Token);
        var fetched = 0;
        await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1, Expires = TimeSpan.FromSeconds(5) }, cancellationToken: timeout.Token))
        {
            await message.AckProgressAsync(cancellationToken: timeout.Token);
            await message.AckAsync(new AckOpts { DoubleAck = true }, timeout.Token);
            fetched++;
        }

        Assert.Equal(1, fetched);
        (await js.PublishAsync(topology.Subjects.DeadLetter("payments"), new byte[] { 1 }, cancellationToken: timeout.Token)).EnsureSuccess();

        await AssertStreamAdministrationRefusedAsync(bridge, timeout.Token);
        await AssertRefusedAsync(bridge, $"$JS.API.CONSUMER.CREATE.{topology.OrdersStream}.intruder",
            ct => js.CreateOrUpdateConsumerAsync(topology.OrdersStream, new ConsumerConfig("intruder"), ct).AsTask());
        await AssertRefusedAsync(bridge, "$JS.API.CONSUMER.DELETE." + topology.OrdersStream,
            ct => js.DeleteConsumerAsync(topology.OrdersStream, definition.Name, ct).AsTask());
        await AssertRefusedAsync(bridge, "$KV." + topology.OrderStatusBucket,
            ct => bridge.PublishAsync($"$KV.{topology.OrderStatusBucket}.o-3", new byte[] { 1 }, cancellationToken: ct).AsTask());
    }

    [Fact]
    public async Task Topology_administers_streams_and_publishes_no_message()
    {
        using var timeout = TestTimeout.Start(60);
        await using var admin = Connect(NatsUserNames.Topology);
        var js = new NatsJSContext(admin);
        var topology = _users.Topology;
        var orders = topology.Streams()[0];

        var updated = await js.UpdateStreamAsync(orders with { MaxBytes = orders.MaxBytes / 2 }, timeout.Token);

        Assert.Equal(orders.MaxBytes / 2, updated.Info.Config.MaxBytes);
        await AssertRefusedAsync(admin, topology.Subjects.OrderCreated("o-4"),
            ct => admin.PublishAsync(topology.Subjects.OrderCreated("o-4"), new byte[] { 1 }, cancellationToken: ct).AsTask());
    }

    /// <summary>The user may neither delete nor update a stream, nor purge one: each request is refused and ORDERS is as it was.</summary>
    private async Task AssertStreamAdministrationRefusedAsync(NatsConnection connection, CancellationToken cancellationToken)
    {
        var js = new NatsJSContext(connection);
        var orders = _users.Topology.Streams()[0];
        await AssertRefusedAsync(connection, "$JS.API.STREAM.DELETE." + orders.Name, ct => js.DeleteStreamAsync(orders.Name!, ct).AsTask());
        await AssertRefusedAsync(connection, "$JS.API.STREAM.UPDATE." + orders.Name,
            ct => js.UpdateStreamAsync(orders with { MaxBytes = 1024 }, ct).AsTask());
        await AssertRefusedAsync(connection, "$JS.API.STREAM.PURGE." + orders.Name, ct => js.PurgeStreamAsync(orders.Name!, new StreamPurgeRequest(), ct).AsTask());

        await using var admin = Connect(NatsUserNames.Topology);
        var info = (await new NatsJSContext(admin).GetStreamAsync(orders.Name!, cancellationToken: cancellationToken)).Info;
        Assert.Equal(orders.MaxBytes, info.Config.MaxBytes);
    }

    /// <summary>
    /// Runs <paramref name="action"/> and waits for the server's permissions violation naming <paramref name="subject"/>:
    /// the server refused it. Whatever the action itself throws (no answer within the timeout, say) is expected.
    /// </summary>
    private static async Task AssertRefusedAsync(NatsConnection connection, string subject, Func<CancellationToken, Task> action)
    {
        var errors = new ConcurrentQueue<string>();
        connection.ServerError += (_, e) =>
        {
            errors.Enqueue(e.Error);
            return ValueTask.CompletedTask;
        };
        using (var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
        {
            try
            {
                await action(attempt.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A refused request gets no answer.
            }
        }

        await Poll.UntilAsync(
            () => errors.Any(e => e.Contains("Permissions Violation", StringComparison.OrdinalIgnoreCase) && e.Contains(subject, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), $"the server to refuse {subject} (errors: {string.Join(" | ", errors)})");
    }

    private static async Task AssertSubscribeRefusedAsync(NatsConnection connection, string subject, CancellationToken cancellationToken)
    {
        await AssertRefusedAsync(connection, subject, async ct =>
        {
            await using var subscription = await connection.SubscribeCoreAsync<byte[]>(subject, cancellationToken: ct);
            await connection.PingAsync(ct);
        });
        cancellationToken.ThrowIfCancellationRequested();
    }

    private NatsConnection Connect(string user) => new(new NatsOpts
    {
        Url = _server.Url,
        AuthOpts = new NatsAuthOpts { Username = user, Password = _users.Passwords[user] },
        RequestTimeout = TimeSpan.FromSeconds(2),
        RetryOnInitialConnect = false,
    });
}
