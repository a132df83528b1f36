using System.Net;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.Reconciliation;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Xunit.Abstractions;

namespace FunctionsOrders.Faults.Tests;

/// <summary>Input no client of the API should send: poison straight into the stream, one key fifty times at once.</summary>
public sealed class InputFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Poison_messages_in_orders_created_are_dead_lettered_with_reasons_and_other_orders_are_unaffected()
    {
        using var cts = TestTimeout.Start(seconds: 240);
        await using var system = await FaultSystem.StartAsync(cancellationToken: cts.Token);
        var load = new OrderLoad(() => system.OrderApi, rate: 10).Start();
        await load.UntilAcceptedAsync(20, TimeSpan.FromSeconds(60), cts.Token);

        await using var nats = new NatsConnection(new NatsOpts { Url = system.Nats.Url, Name = "poison" });
        var js = new NatsJSContext(nats);
        var topology = new JetStreamTopology(new TopologyOptions());
        var poison = new (string Name, byte[] Payload, bool Protobuf)[]
        {
            ("garbage bytes", [0xde, 0xad, 0xbe, 0xef, 0xff, 0x00, 0x13], true),
            ("truncated OrderCreated", ValidOrder("poison-truncated").ToByteArray()[..5], true),
            ("OrderCreated without items", new OrderCreated { OrderId = Guid.NewGuid().ToString(), CustomerId = "cust-poison" }.ToByteArray(), true),
            ("JSON instead of protobuf", "{\"orderId\":\"x\"}"u8.ToArray(), false),
            ("empty payload", [], true),
        };
        var poisonSubjects = new List<string>();
        foreach (var (name, payload, protobuf) in poison)
        {
            var subject = topology.Subject($"orders.created.poison-{Guid.NewGuid():N}");
            var headers = new NatsHeaders { [MessageHeaders.EventType] = OrderCreated.Descriptor.FullName };
            headers[MessageHeaders.ContentType] = protobuf ? MessageHeaders.ProtobufContentType : "application/json";
            var ack = await js.PublishAsync(subject, payload, headers: headers, cancellationToken: cts.Token);
            ack.EnsureSuccess();
            poisonSubjects.Add(subject);
            output.WriteLine($"published poison '{name}' to {subject}");
        }

        await load.UntilAcceptedAsync(load.Accepted.Count + 20, TimeSpan.FromSeconds(60), cts.Token);
        await load.StopAsync();

        var report = await Scenario.ReconcileAsync(system, load.Accepted, TimeSpan.FromSeconds(120), output, cts.Token);
        var deadLetters = await DeadLetters.ReadAsync(js, topology, cts.Token);
        foreach (var subject in poisonSubjects)
        {
            // The route on orders.created.> gives up on it, with its reason.
            var copies = deadLetters.Where(d => d.OriginalSubject == subject).ToList();
            Assert.Equal(["payments"], copies.Select(c => c.Route));
            Assert.All(copies, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason), $"{subject}: no reason"));
        }

        var accepted = load.Accepted.Select(a => a.OrderId).ToHashSet();
        Assert.All(await system.Simulator.ChargesAsync(cts.Token), c => Assert.Contains(c.OrderId, accepted));
        Scenario.Record("poison-messages", report, load.Sent, new Dictionary<string, object>
        {
            ["poison_published"] = poison.Length,
            ["dead_letters"] = deadLetters.Count,
            ["reasons"] = deadLetters.Select(d => d.Reason).Distinct().Order().ToList(),
        });
    }

    [Fact]
    public async Task Fifty_concurrent_POSTs_with_one_Idempotency_Key_make_one_order_and_one_charge()
    {
        using var cts = TestTimeout.Start(seconds: 180);
        await using var system = await FaultSystem.StartAsync(cancellationToken: cts.Token);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var key = "same-" + Guid.NewGuid().ToString("N");
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, 50).Select(async _ =>
        {
            await start.WaitAsync(cts.Token);
            return await OrderLoad.PostAsync(http, system.OrderApi, key, customer, cts.Token);
        }).ToList();
        start.Release(50);
        var outcomes = await Task.WhenAll(posts);

        Assert.All(outcomes, o => Assert.Equal(HttpStatusCode.Accepted, o.Status));
        var orderId = Assert.Single(outcomes.Select(o => o.OrderId).Distinct())!;
        var report = await Scenario.ReconcileAsync(system, [new AcceptedOrder(orderId, "Paid")], TimeSpan.FromSeconds(60), output, cts.Token);
        var charges = await system.Simulator.ChargesAsync(cts.Token);
        Assert.Single(charges);
        Assert.Equal(orderId, charges[0].OrderId);
        Scenario.Record("one-key-fifty-posts", report, outcomes.Length, new Dictionary<string, object>
        {
            ["distinct_order_ids"] = 1,
            ["provider_charges"] = charges.Count,
        });
    }

    private static OrderCreated ValidOrder(string customer) => new()
    {
        OrderId = Guid.NewGuid().ToString(),
        CustomerId = customer,
        Items = { new LineItem { Sku = "SKU-1", Quantity = 1, UnitPrice = new Money { CurrencyCode = "EUR", Units = 10 } } },
    };
}
