using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>
/// A function that cannot take batches (down, misconfigured, too slow) for many times the delivery budget: nothing
/// may be dead-lettered for it, and everything is processed once it answers again. Only the function's own verdict on
/// a message spends that message's budget.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class FunctionOutageTests(NatsServerFixture nats)
{
    private const int Orders = 5;

    public static TheoryData<string> Failures => ["http_500", "http_401", "http_503", "timeout", "unreachable"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Function_failing_every_batch_for_many_times_the_delivery_budget_dead_letters_nothing_and_everything_is_processed_after(string failure)
    {
        using var timeout = TestTimeout.Start(120);
        var port = FreePort.Next();
        ScriptedFunction? function = failure == "unreachable" ? null : await ScriptedFunction.StartAsync(port);
        var url = $"http://127.0.0.1:{port}/api/internal/test";
        try
        {
            Fail(function, failure);
            await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, url, new Dictionary<string, string?>
            {
                ["MaxDeliver"] = "2",
                ["HttpTimeout"] = "00:00:00.500",
                ["BreakerFailures"] = "3",
                ["BreakDuration"] = "00:00:01",
            });
            for (var i = 0; i < Orders; i++)
            {
                await bridge.PublishOrderAsync(timeout.Token);
            }

            // Many times the budget of two deliveries: by attempts where they can be counted, else by time.
            if (function is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(8), timeout.Token);
                function = await ScriptedFunction.StartAsync(port);
            }
            else
            {
                await Poll.UntilAsync(() => function.Requests >= 12, TimeSpan.FromSeconds(60), "a dozen failed dispatches", cancellationToken: timeout.Token);
                function.FailWith = null;
                function.Gate.Set();
            }

            await Poll.UntilAsync(async () => await SettlementTests.Settled(bridge, timeout.Token), TimeSpan.FromSeconds(60),
                "every message processed once the function answers", cancellationToken: timeout.Token);
            Assert.Equal(0UL, await LastDeliveryTests.DeadLetterCountAsync(bridge, timeout.Token));
            Assert.Equal(Orders, bridge.Counters.Get("acked", BridgeUnderTest.RouteName));
            var acked = function.Received.Select(r => r.Message.StreamSequence).Distinct().Count();
            Assert.Equal(Orders, acked);
        }
        finally
        {
            if (function is not null)
            {
                await function.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Message_that_fails_every_batch_it_is_in_while_the_function_answers_others_is_dead_lettered_alone()
    {
        using var timeout = TestTimeout.Start(120);
        await using var function = await ScriptedFunction.StartAsync();
        await using var bridge = await BridgeUnderTest.StartAsync(nats.Server.Url, function.Url, new Dictionary<string, string?> { ["MaxDeliver"] = "2" });
        var ids = new List<string>();
        function.Gate.Reset();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await bridge.PublishOrderAsync(timeout.Token));
        }

        var poison = ids[2];
        function.Script = batch => batch.Messages.Any(m => m.Subject.EndsWith(poison, StringComparison.Ordinal)) ? null : ScriptedFunction.AckAll(batch);
        function.Gate.Set();

        await Poll.UntilAsync(async () => await SettlementTests.Settled(bridge, timeout.Token), TimeSpan.FromSeconds(60),
            "every message settled", cancellationToken: timeout.Token);
        Assert.Equal(1UL, await LastDeliveryTests.DeadLetterCountAsync(bridge, timeout.Token));
        Assert.Equal(1, bridge.Counters.Get("dead_lettered", BridgeUnderTest.RouteName, "max_deliveries:" + "dispatch_failed"));
        Assert.Equal(ids.Count - 1, bridge.Counters.Get("acked", BridgeUnderTest.RouteName));
    }

    private static void Fail(ScriptedFunction? function, string failure)
    {
        switch (failure)
        {
            case "timeout":
                function!.Gate.Reset();
                break;
            case "unreachable":
                break;
            default:
                function!.FailWith = int.Parse(failure["http_".Length..], System.Globalization.CultureInfo.InvariantCulture);
                break;
        }
    }
}
