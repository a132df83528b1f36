using System.Collections.Concurrent;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.OrderFunctions.Tests.Fuzz;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Xunit.Abstractions;

namespace FunctionsOrders.PaymentFunctions.Tests.Hosted;

/// <summary>
/// Property: every unparseable batch sent to <c>POST /api/internal/payments</c> is a 4xx problem, every poison
/// message in a parseable batch is a REJECT, never a 5xx; nothing is charged, recorded or published.
/// </summary>
[Collection(PaymentsApiCollection.Name)]
public sealed class PaymentsApiFuzzTests(PaymentsApiFixture api, ITestOutputHelper output)
{
    private const int Seed = 5_023_011;
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Every_garbage_batch_is_a_4xx_problem_or_a_reject_per_message_and_charges_nothing()
    {
        using var timeout = TestTimeout.Start(120);
        var inputs = DispatchFuzz.Bodies(Seed, "payments", Poison(new Random(Seed))).ToList();
        output.WriteLine($"seed {Seed}: {inputs.Count} bodies");
        var before = await PaymentsApi.EffectsAsync(api, timeout.Token);

        var failures = new ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, inputs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = timeout.Token },
            async (i, token) =>
            {
                if (await SendAsync(inputs[i], token) is { } failure)
                {
                    failures[i] = $"#{i} {inputs[i].Describe()}\n    -> {failure}";
                }
            });

        Assert.False(api.Host.Process.HasExited, "the Functions host exited");
        Assert.True(failures.IsEmpty, $"seed {Seed}: {failures.Count} of {inputs.Count} bodies were not answered properly:\n"
            + string.Join("\n", failures.OrderBy(f => f.Key).Select(f => f.Value)));
        Assert.Equal(before, await PaymentsApi.EffectsAsync(api, timeout.Token));

        using var valid = PaymentsApi.Request(PaymentsApi.ValidBatch(Guid.NewGuid().ToString()), PaymentsApiFixture.FunctionKey);
        using var response = await api.Client.SendAsync(valid, timeout.Token);
        Assert.Equal(Outcome.Ack, Assert.Single(await PaymentsApi.OutcomesAsync(response, timeout.Token)).Outcome);
        Assert.Equal(before.ChargeRequests + 1, (await PaymentsApi.EffectsAsync(api, timeout.Token)).ChargeRequests);
    }

    /// <summary>Messages that must never be charged: unparseable, of another type, or an order that cannot be valid.</summary>
    private static List<(string Name, string? EventType, ByteString Payload)> Poison(Random random)
    {
        var list = DispatchFuzz.RandomPayloads(random, EventTypes.OrderCreated, null, EventTypes.PaymentProcessed).ToList();
        list.Add(("an empty OrderCreated", EventTypes.OrderCreated, ByteString.Empty));
        list.AddRange(Broken("no customer id", o => o.CustomerId = ""));
        list.AddRange(Broken("a blank customer id", o => o.CustomerId = " \t"));
        list.AddRange(Broken("no total", o => o.Total = null));
        list.AddRange(Broken("a zero total", o => o.Total = new Money { CurrencyCode = "EUR" }));
        list.AddRange(Broken("a negative total", o => o.Total.Units = -1));
        list.AddRange(Broken("a billion nanos", o => o.Total.Nanos = 1_000_000_000));
        list.AddRange(Broken("negative nanos", o => o.Total.Nanos = -1));
        list.AddRange(Broken("a lower-case currency", o => o.Total.CurrencyCode = "eur"));
        list.AddRange(Broken("a four-letter currency", o => o.Total.CurrencyCode = "EURO"));
        list.AddRange(Broken("no currency", o => o.Total.CurrencyCode = ""));
        list.AddRange(Broken("no order id", o => o.OrderId = ""));
        list.AddRange(Broken("an order id with a space", o => o.OrderId = "a b"));
        list.AddRange(Broken("a 129-character order id", o => o.OrderId = new string('a', 129)));
        list.AddRange(Broken("a non-ASCII order id", o => o.OrderId = "ord\u00E9r"));
        list.AddRange(Broken("an order id with a path", o => o.OrderId = "../x"));
        list.AddRange(Broken("a creation time after year 9999", o => o.CreatedAt = new Timestamp { Seconds = long.MaxValue }));
        list.AddRange(Broken("a creation time before 1601, which Table Storage cannot store", o => o.CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(1600, 12, 31, 0, 0, 0, TimeSpan.Zero))));
        list.AddRange(Broken("negative nanos in the creation time", o => o.CreatedAt = new Timestamp { Seconds = 1, Nanos = -1 }));
        var valid = Batches.Order().ToByteString();
        list.Add(("a valid order typed as PaymentProcessed", EventTypes.PaymentProcessed, valid));
        list.Add(("a valid order of an unknown type", "orders.v1.Unknown", valid));
        list.Add(("a valid order typed with a trailing space", EventTypes.OrderCreated + " ", valid));
        list.Add(("a valid order cut short", EventTypes.OrderCreated, ByteString.CopyFrom(IdLast(Batches.Order())[..^5])));
        list.Add(("an order with invalid UTF-8 in its customer id", EventTypes.OrderCreated,
            ByteString.CopyFrom([.. IdLast(Batches.Order()), 0x12, 0x02, 0xC3, 0x28])));
        return list;
    }

    private static IEnumerable<(string, string?, ByteString)> Broken(string what, Action<OrderCreated> breakIt)
    {
        var order = Batches.Order();
        breakIt(order);
        yield return ($"an order with {what}", EventTypes.OrderCreated, order.ToByteString());
    }

    /// <summary>A valid order with its id written last, so that any cut leaves it without an id.</summary>
    private static byte[] IdLast(OrderCreated order)
    {
        var rest = order.Clone();
        rest.OrderId = "";
        return [.. rest.ToByteArray(), .. new OrderCreated { OrderId = order.OrderId }.ToByteArray()];
    }

    private async Task<string?> SendAsync(BadInput input, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(PerRequest);
        using var request = PaymentsApi.Request(input.Content(), PaymentsApiFixture.FunctionKey);
        request.Headers.TransferEncodingChunked = input.Chunked;
        try
        {
            using var response = await api.Client.SendAsync(request, deadline.Token);
            return await DispatchAnswer.CheckAsync(response, input, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {PerRequest}";
        }
        catch (HttpRequestException ex)
        {
            return $"request failed: {ex.Message}";
        }
    }
}
