using System.Diagnostics;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.OrderFunctions.Intake;
using FunctionsOrders.OrderFunctions.Nats;
using FunctionsOrders.OrderFunctions.Telemetry;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.OrderFunctions.Tests;

/// <summary>The intake handler against a real nats-server that the test freezes after the publish.</summary>
public sealed class PlaceOrderHandlerTests
{
    [Fact]
    public async Task Repeated_key_whose_stored_order_cannot_be_read_in_time_is_unavailable_with_retry_after()
    {
        using var timeout = TestTimeout.Start();
        await using var nats = await NatsServer.StartAsync(cancellationToken: timeout.Token);
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Url });
        var js = new NatsJSContext(connection);
        var topology = new JetStreamTopology(new TopologyOptions { Prefix = OrderApiFixture.UniquePrefix() });
        await js.CreateStreamAsync(topology.Streams()[0], timeout.Token);
        var options = Options.Create(new IntakeOptions());
        var publisher = new DuplicateAckPublisher();
        using var metrics = new IntakeMetrics(publisher);
        var reads = new NatsReads(connection, options, TimeProvider.System, NullLogger<NatsReads>.Instance);
        var handler = new PlaceOrderHandler(publisher, topology, new OrderLookup(js, topology), new OrderIds(options), reads, options, metrics, TimeProvider.System);
        var command = new PlaceOrderCommand("cust-42", "EUR", 2, [new PlaceOrderLine("SKU-1", 2, 1999)], 3998, "key-" + Guid.NewGuid().ToString("N"));

        nats.Pause();
        try
        {
            var clock = Stopwatch.StartNew();
            var result = await handler.HandleAsync(command, timeout.Token);

            Assert.False(result.Accepted);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
            Assert.Equal(options.Value.RetryAfter, result.RetryAfter);
        }
        finally
        {
            nats.Resume();
        }
    }
}
