using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.AppHost.Tests;

/// <summary>The whole system, as a user meets it: orders in over HTTP, payments out at the simulator, traces in the dashboard.</summary>
[Collection(LocalSystemCollection.Name)]
public sealed class EndToEndTests(LocalSystemFixture system)
{
    private static readonly TimeSpan FinalDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_posted_order_is_charged_once_and_reaches_Paid()
    {
        using var cts = TestTimeout.Start(seconds: 120);
        var orderId = await system.PlaceOrderAsync("cust-" + Unique(), cancellationToken: cts.Token);

        var final = await system.WaitForFinalAsync([orderId], FinalDeadline, cts.Token);

        Assert.Equal("Paid", final[orderId].GetProperty("status").GetString());
        var charges = await system.ChargesOfAsync(orderId, cts.Token);
        var charge = Assert.Single(charges);
        Assert.Equal("succeeded", charge.GetProperty("status").GetString());
        Assert.Equal(24.68m, charge.GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", charge.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task A_declined_customer_reaches_PaymentFailed_with_the_reason()
    {
        using var cts = TestTimeout.Start(seconds: 120);
        var orderId = await system.PlaceOrderAsync("decline-" + Unique(), cancellationToken: cts.Token);

        var final = await system.WaitForFinalAsync([orderId], FinalDeadline, cts.Token);

        Assert.Equal("PaymentFailed", final[orderId].GetProperty("status").GetString());
        Assert.Equal("card_declined", final[orderId].GetProperty("failureReason").GetString());
    }

    [Fact]
    public async Task GET_right_after_POST_is_never_404()
    {
        using var cts = TestTimeout.Start(seconds: 120);
        var seen = new ConcurrentBag<(string OrderId, HttpStatusCode Status, string? OrderStatus)>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cts.Token }, async (_, token) =>
        {
            var orderId = await system.PlaceOrderAsync("cust-" + Unique(), cancellationToken: token);
            var (status, body) = await system.GetOrderAsync(orderId, token);
            seen.Add((orderId, status, status == HttpStatusCode.OK ? body.GetProperty("status").GetString() : null));
        });

        Assert.All(seen, s => Assert.True(s.Status == HttpStatusCode.OK, $"GET {s.OrderId} right after 202 answered {(int)s.Status}"));
        Assert.All(seen, s => Assert.Contains(s.OrderStatus, new[] { "Pending", "Paid", "PaymentFailed" }));
        await system.WaitForFinalAsync(seen.Select(s => s.OrderId).ToArray(), FinalDeadline, cts.Token);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_twice_makes_one_order_and_one_charge()
    {
        using var cts = TestTimeout.Start(seconds: 120);
        var customer = "cust-" + Unique();
        var key = "key-" + Unique();

        var first = await system.PlaceOrderAsync(customer, key, cancellationToken: cts.Token);
        var second = await system.PlaceOrderAsync(customer, key, cancellationToken: cts.Token);
        Assert.Equal(first, second);
        await system.WaitForFinalAsync([first], FinalDeadline, cts.Token);
        var third = await system.PlaceOrderAsync(customer, key, cancellationToken: cts.Token);
        Assert.Equal(first, third);

        var charges = await system.ChargesOfAsync(first, cts.Token);
        Assert.Single(charges);
    }

    /// <summary>
    /// 300 at once can exceed the intake's bound on publishes awaiting their PubAck on a busy machine; those get
    /// 503 with Retry-After and are sent again with the same key, as the API asks of clients.
    /// </summary>
    [Fact]
    public async Task Three_hundred_concurrent_orders_all_reach_a_final_status()
    {
        using var cts = TestTimeout.Start(seconds: 240);
        var run = Unique();
        var orders = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var customer = i % 10 == 0 ? $"decline-{run}-{i}" : $"cust-{run}-{i}";
            var (id, _) = await system.PlaceOrderWithRetryAsync(customer, $"{run}-{i}", attempts: 10, cts.Token);
            return (Id: id, Declined: i % 10 == 0);
        }));

        Assert.Equal(300, orders.Select(o => o.Id).Distinct().Count());
        var final = await system.WaitForFinalAsync(orders.Select(o => o.Id).ToArray(), TimeSpan.FromSeconds(120), cts.Token);

        Assert.All(orders, o => Assert.Equal(o.Declined ? "PaymentFailed" : "Paid", final[o.Id].GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Each_order_has_one_trace_across_order_functions_nats_bridge_and_payment_functions()
    {
        using var cts = TestTimeout.Start(seconds: 180);
        var dashboard = new DashboardTelemetry(system.Http, LocalSystemFixture.Dashboard);
        var orders = new List<(string OrderId, string TraceId, string ClientSpanId)>();
        for (var i = 0; i < 5; i++)
        {
            var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var clientSpanId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var orderId = await system.PlaceOrderAsync((i == 4 ? "decline-" : "cust-") + Unique(), traceParent: $"00-{traceId}-{clientSpanId}-01", cancellationToken: cts.Token);
            orders.Add((orderId, traceId, clientSpanId));
        }

        await system.WaitForFinalAsync(orders.Select(o => o.OrderId).ToArray(), FinalDeadline, cts.Token);

        foreach (var (orderId, traceId, clientSpanId) in orders)
        {
            IReadOnlyList<Span> spans = [];
            string? problem = "no spans yet";
            try
            {
                // Exporters send in batches; wait until the whole path has arrived.
                await Poll.UntilAsync(async () =>
                {
                    spans = await dashboard.TraceAsync(traceId, cts.Token);
                    problem = TraceStructure.Check(spans, orderId, clientSpanId);
                    return problem is null;
                }, TimeSpan.FromSeconds(60), $"the trace of order {orderId}", TimeSpan.FromSeconds(1), cts.Token);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"trace {traceId} of order {orderId}: {problem}{Environment.NewLine}{string.Join(Environment.NewLine, spans)}");
            }

            // The bridge's batch span links to every message it carried, and lives in the trace of the batch's first
            // message, under that message's span: a batch makes no trace of its own.
            var published = spans.Single(s => s.Service == "order-functions" && s.Name == $"publish orders.created.{orderId}");
            Span? batch = null;
            await Poll.UntilAsync(async () =>
            {
                var batches = await dashboard.SpansAsync("nats-bridge", "dispatch payments", 10_000, cts.Token);
                batch = batches.FirstOrDefault(b => b.Name == "dispatch payments" && b.Links.Contains((traceId, published.SpanId)));
                return batch is not null;
            }, TimeSpan.FromSeconds(60), $"the dispatch span linking to order {orderId}", TimeSpan.FromSeconds(1), cts.Token);
            var carrier = (await dashboard.TraceAsync(batch!.TraceId, cts.Token)).Single(s => s.SpanId == batch.ParentSpanId);
            Assert.Equal(("nats-bridge", "process payments"), (carrier.Service, carrier.Name));
        }

        Assert.Equal(orders.Count, orders.Select(o => o.TraceId).Distinct().Count());
    }

    [Fact]
    public async Task An_order_posted_without_a_traceparent_is_traced_end_to_end_too()
    {
        using var cts = TestTimeout.Start(seconds: 120);
        var dashboard = new DashboardTelemetry(system.Http, LocalSystemFixture.Dashboard);
        var orderId = await system.PlaceOrderAsync("cust-" + Unique(), cancellationToken: cts.Token);
        await system.WaitForFinalAsync([orderId], FinalDeadline, cts.Token);

        IReadOnlyList<Span> spans = [];
        string? problem = "no intake span yet";
        try
        {
            await Poll.UntilAsync(async () =>
            {
                // The API applies its limit before the search, so ask for plenty and pick the intake's publish.
                var found = await dashboard.SpansAsync("order-functions", orderId, 10_000, cts.Token);
                if (found.FirstOrDefault(s => s.Name == $"publish orders.created.{orderId}") is not { } publish)
                {
                    return false;
                }

                spans = await dashboard.TraceAsync(publish.TraceId, cts.Token);
                problem = TraceStructure.Check(spans, orderId, clientSpanId: null);
                return problem is null;
            }, TimeSpan.FromSeconds(60), $"the trace of order {orderId}", TimeSpan.FromSeconds(1), cts.Token);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"order {orderId} posted without a traceparent: {problem}{Environment.NewLine}{string.Join(Environment.NewLine, spans)}");
        }
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..12];
}
