using System.Collections.Concurrent;
using System.Net;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Xunit.Abstractions;

namespace FunctionsOrders.OrderFunctions.Tests.Fuzz;

/// <summary>
/// Property: every unparseable batch sent to <c>POST /api/internal/order-events</c> is a 4xx problem, every poison
/// message in a parseable batch is a REJECT, never a 5xx; the order-status bucket and the streams stay untouched.
/// </summary>
[Collection(OrderApiCollection.Name)]
public sealed class OrderEventsFuzzTests(OrderApiFixture api, ITestOutputHelper output)
{
    private const int Seed = 7_340_033;
    private const string Route = "order-status";
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Every_garbage_batch_is_a_4xx_problem_or_a_reject_per_message_and_changes_nothing()
    {
        using var timeout = TestTimeout.Start(120);
        var inputs = DispatchFuzz.Bodies(Seed, Route, Poison(new Random(Seed))).ToList();
        output.WriteLine($"seed {Seed}: {inputs.Count} bodies");
        var before = await MessageCountsAsync(timeout.Token);

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
        Assert.Equal(before, await MessageCountsAsync(timeout.Token));
        Assert.Equal(Outcome.Ack, await DispatchValidOrderAsync(timeout.Token));
    }

    /// <summary>Messages the projection must reject: unparseable, of an unknown type, or missing or breaking a field it needs.</summary>
    private static List<(string Name, string? EventType, ByteString Payload)> Poison(Random random)
    {
        const string id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
        var total = new Money { CurrencyCode = "EUR", Units = 10 };
        var created = new OrderCreated { OrderId = id, CustomerId = "c", Total = total, CreatedAt = new Timestamp { Seconds = 1_750_000_000 } };
        var list = DispatchFuzz.RandomPayloads(random, EventTypes.OrderCreated, EventTypes.PaymentProcessed, null, "orders.v1.Unknown").ToList();
        list.AddRange(
        [
            ("an empty OrderCreated", EventTypes.OrderCreated, ByteString.Empty),
            ("an empty PaymentProcessed", EventTypes.PaymentProcessed, ByteString.Empty),
            ("an OrderCreated whose id is not a UUID", EventTypes.OrderCreated, WithId(created, "not-an-id")),
            ("an OrderCreated with an upper-case id", EventTypes.OrderCreated, WithId(created, id.ToUpperInvariant())),
            ("an OrderCreated with a braced id", EventTypes.OrderCreated, WithId(created, "{" + id + "}")),
            ("an OrderCreated with a 1000-character id", EventTypes.OrderCreated, WithId(created, new string('a', 1000))),
            ("an OrderCreated with only an id", EventTypes.OrderCreated, new OrderCreated { OrderId = id }.ToByteString()),
            ("an OrderCreated created after year 9999", EventTypes.OrderCreated, WithCreatedAt(created, new Timestamp { Seconds = long.MaxValue })),
            ("an OrderCreated with negative nanos in created_at", EventTypes.OrderCreated, WithCreatedAt(created, new Timestamp { Seconds = 1, Nanos = -1 })),
            ("a PaymentProcessed without a status", EventTypes.PaymentProcessed, new PaymentProcessed { OrderId = id, Amount = total }.ToByteString()),
            ("a PaymentProcessed with a status this version does not know", EventTypes.PaymentProcessed,
                new PaymentProcessed { OrderId = id, Status = (PaymentStatus)7, Amount = total, ProcessedAt = new Timestamp { Seconds = 1_750_000_000 } }.ToByteString()),
            ("a PaymentProcessed processed after year 9999", EventTypes.PaymentProcessed,
                new PaymentProcessed { OrderId = id, Status = PaymentStatus.Succeeded, Amount = total, ProcessedAt = new Timestamp { Seconds = long.MaxValue } }.ToByteString()),
            ("a PaymentProcessed whose id is not a UUID", EventTypes.PaymentProcessed, new PaymentProcessed { OrderId = "x", Status = PaymentStatus.Succeeded }.ToByteString()),
            ("an OrderCreated typed with a trailing space", EventTypes.OrderCreated + " ", created.ToByteString()),
            ("an OrderCreated typed in upper case", EventTypes.OrderCreated.ToUpperInvariant(), created.ToByteString()),
            ("an OrderCreated typed as PaymentProcessed", EventTypes.PaymentProcessed, created.ToByteString()),
            ("an OrderCreated with invalid UTF-8 in its id", EventTypes.OrderCreated, ByteString.CopyFrom([0x0A, 0x03, 0x61, 0xFF, 0x62])),
            ("an OrderCreated cut inside its id", EventTypes.OrderCreated, IdLast(created, 8)),
        ]);
        return list;
    }

    private static ByteString WithId(OrderCreated order, string orderId)
    {
        var copy = order.Clone();
        copy.OrderId = orderId;
        return copy.ToByteString();
    }

    private static ByteString WithCreatedAt(OrderCreated order, Timestamp createdAt)
    {
        var copy = order.Clone();
        copy.CreatedAt = createdAt;
        return copy.ToByteString();
    }

    /// <summary>The order with its id written last, cut <paramref name="cut"/> bytes before the end.</summary>
    private static ByteString IdLast(OrderCreated order, int cut)
    {
        var rest = order.Clone();
        rest.OrderId = "";
        byte[] bytes = [.. rest.ToByteArray(), .. new OrderCreated { OrderId = order.OrderId }.ToByteArray()];
        return ByteString.CopyFrom(bytes[..^cut]);
    }

    private async Task<string?> SendAsync(BadInput input, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(PerRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/internal/order-events") { Content = input.Content() };
        request.Headers.TransferEncodingChunked = input.Chunked;
        request.Headers.Add("x-functions-key", OrderApiFixture.FunctionKey);
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

    private async Task<Outcome> DispatchValidOrderAsync(CancellationToken cancellationToken)
    {
        var order = new OrderCreated { OrderId = Guid.NewGuid().ToString(), CustomerId = "c", Total = new Money { CurrencyCode = "EUR", Units = 1 } };
        var batch = new DispatchBatch { Route = Route, Messages = { DispatchFuzz.Message(1, EventTypes.OrderCreated, order.ToByteString()) } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/internal/order-events") { Content = new ByteArrayContent(batch.ToByteArray()) };
        request.Headers.Add("x-functions-key", OrderApiFixture.FunctionKey);
        using var response = await api.Client.SendAsync(request, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return DispatchResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(cancellationToken)).Outcomes.Single().Outcome;
    }

    /// <summary>Messages in the app's streams and in the order-status bucket's stream.</summary>
    private async Task<string> MessageCountsAsync(CancellationToken cancellationToken)
    {
        var topology = api.Topology;
        var counts = new List<string>();
        foreach (var stream in new[] { topology.OrdersStream, topology.PaymentsStream, topology.DeadLetterStream, "KV_" + topology.OrderStatusBucket })
        {
            var info = await api.Js.GetStreamAsync(stream, cancellationToken: cancellationToken);
            counts.Add($"{stream}={info.Info.State.Messages}");
        }

        return string.Join(", ", counts);
    }
}
