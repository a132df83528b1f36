using System.Net;
using System.Net.Http.Headers;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.OrderFunctions.Tests;

[Collection(OrderApiCollection.Name)]
public sealed class OrderEventsTests(OrderApiFixture api)
{
    [Fact]
    public async Task Payment_batch_moves_the_order_to_paid_and_a_replayed_or_reordered_batch_leaves_it_there()
    {
        using var timeout = TestTimeout.Start();
        var orderId = Guid.NewGuid().ToString();
        var created = Message(1, EventTypes.OrderCreated, Created(orderId));
        var paid = Message(2, EventTypes.PaymentProcessed, Payment(orderId, PaymentStatus.Succeeded, ""));

        Assert.All(await DispatchAsync([created, paid], timeout.Token), o => Assert.Equal(Outcome.Ack, o.Outcome));
        Assert.Equal("Paid", await StatusAsync(orderId, timeout.Token));

        var declined = Message(3, EventTypes.PaymentProcessed, Payment(orderId, PaymentStatus.Declined, "card_declined"));
        Assert.All(await DispatchAsync([paid, declined, created], timeout.Token), o => Assert.Equal(Outcome.Ack, o.Outcome));
        Assert.Equal("Paid", await StatusAsync(orderId, timeout.Token));
    }

    [Fact]
    public async Task A_payment_outcome_alone_gives_the_whole_order()
    {
        using var timeout = TestTimeout.Start();
        var orderId = Guid.NewGuid().ToString();
        var createdAt = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);
        var payment = Payment(orderId, PaymentStatus.Succeeded, "");
        payment.OrderCreatedAt = Timestamp.FromDateTimeOffset(createdAt);

        Assert.All(await DispatchAsync([Message(1, EventTypes.PaymentProcessed, payment)], timeout.Token), o => Assert.Equal(Outcome.Ack, o.Outcome));

        using var response = await api.Client.GetAsync($"api/orders/{orderId}", timeout.Token);
        var body = await Orders.JsonAsync(response, timeout.Token);
        Assert.Equal("Paid", body.GetProperty("status").GetString());
        Assert.Equal(createdAt, body.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(payment.ProcessedAt.ToDateTimeOffset(), body.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(39.98m, body.GetProperty("total").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Declined_payment_is_payment_failed_with_the_reason()
    {
        using var timeout = TestTimeout.Start();
        var orderId = Guid.NewGuid().ToString();

        await DispatchAsync([Message(1, EventTypes.PaymentProcessed, Payment(orderId, PaymentStatus.Declined, "card_declined")), Message(2, EventTypes.OrderCreated, Created(orderId))], timeout.Token);

        using var response = await api.Client.GetAsync($"api/orders/{orderId}", timeout.Token);
        var body = await Orders.JsonAsync(response, timeout.Token);
        Assert.Equal("PaymentFailed", body.GetProperty("status").GetString());
        Assert.Equal("card_declined", body.GetProperty("failureReason").GetString());
        Assert.Equal(39.98m, body.GetProperty("total").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Unparseable_or_unknown_messages_are_rejected_and_the_rest_acked()
    {
        using var timeout = TestTimeout.Start();
        var orderId = Guid.NewGuid().ToString();

        var outcomes = await DispatchAsync(
        [
            new DispatchMessage { StreamSequence = 1, Subject = "x", Payload = ByteString.CopyFrom(0xFF, 0xFF), Headers = { new Header { Name = MessageHeaders.EventType, Value = EventTypes.OrderCreated } } },
            Message(2, "orders.v1.Unknown", Created(orderId)),
            Message(3, EventTypes.OrderCreated, Created(orderId)),
        ], timeout.Token);

        Assert.Equal([Outcome.Reject, Outcome.Reject, Outcome.Ack], outcomes.Select(o => o.Outcome));
        Assert.Equal([1UL, 2UL, 3UL], outcomes.Select(o => o.StreamSequence));
        Assert.Equal(OutcomeReasons.InvalidPayload, outcomes[0].Reason);
    }

    [Fact]
    public async Task Order_events_missing_a_total_or_with_an_impossible_time_are_rejected_and_the_rest_of_the_batch_acked()
    {
        using var timeout = TestTimeout.Start();
        var orderId = Guid.NewGuid().ToString();
        var late = Created(orderId);
        late.CreatedAt = new Timestamp { Seconds = long.MaxValue };
        var paid = Payment(orderId, PaymentStatus.Succeeded, "");
        paid.ProcessedAt = new Timestamp { Seconds = 1, Nanos = -1 };
        var paidBeforeTime = Payment(orderId, PaymentStatus.Succeeded, "");
        paidBeforeTime.OrderCreatedAt = new Timestamp { Seconds = long.MinValue };

        var outcomes = await DispatchAsync(
        [
            Message(1, EventTypes.OrderCreated, new OrderCreated { OrderId = orderId }),
            Message(2, EventTypes.OrderCreated, late),
            Message(3, EventTypes.PaymentProcessed, paid),
            Message(4, EventTypes.PaymentProcessed, paidBeforeTime),
            Message(5, EventTypes.OrderCreated, Created(orderId)),
        ], timeout.Token);

        Assert.Equal([Outcome.Reject, Outcome.Reject, Outcome.Reject, Outcome.Reject, Outcome.Ack], outcomes.Select(o => o.Outcome));
        Assert.All(outcomes.Take(4), o => Assert.Equal(OutcomeReasons.InvalidMessage, o.Reason));
        Assert.Equal("Pending", await StatusAsync(orderId, timeout.Token));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("wrong-key", false)]
    [InlineData("wrong-key", true)]
    [InlineData("", true)]
    [InlineData("test-function-ke", false)]
    [InlineData("test-function-keyx", true)]
    [InlineData("TEST-FUNCTION-KEY", false)]
    public async Task Internal_endpoint_refuses_requests_without_the_function_key(string? key, bool inQuery)
    {
        using var timeout = TestTimeout.Start();
        var orderId = Guid.NewGuid().ToString();
        using var request = Request([Message(1, EventTypes.OrderCreated, Created(orderId))], key, inQuery);

        using var response = await api.Client.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var lookup = await api.Client.GetAsync($"api/orders/{orderId}", timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Internal_endpoint_takes_the_function_key_as_the_code_query_parameter_too()
    {
        using var timeout = TestTimeout.Start();
        var orderId = Guid.NewGuid().ToString();
        using var request = Request([Message(1, EventTypes.OrderCreated, Created(orderId))], OrderApiFixture.FunctionKey, inQuery: true);

        using var response = await api.Client.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Pending", await StatusAsync(orderId, timeout.Token));
    }

    [Fact]
    public async Task Garbage_batch_is_a_400_problem()
    {
        using var timeout = TestTimeout.Start();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/internal/order-events") { Content = new ByteArrayContent([0xFF, 0xFF, 0xFF]) };
        request.Headers.Add("x-functions-key", OrderApiFixture.FunctionKey);

        using var response = await api.Client.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<IReadOnlyList<MessageOutcome>> DispatchAsync(IEnumerable<DispatchMessage> messages, CancellationToken cancellationToken)
    {
        using var request = Request(messages, OrderApiFixture.FunctionKey);
        using var response = await api.Client.SendAsync(request, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return DispatchResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(cancellationToken)).Outcomes;
    }

    private async Task<string?> StatusAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await api.Client.GetAsync($"api/orders/{orderId}", cancellationToken);
        return (await Orders.JsonAsync(response, cancellationToken)).GetProperty("status").GetString();
    }

    private static HttpRequestMessage Request(IEnumerable<DispatchMessage> messages, string? key, bool inQuery = false)
    {
        var batch = new DispatchBatch { Route = "payment-status" };
        batch.Messages.Add(messages);
        var path = "api/internal/order-events" + (inQuery ? "?code=" + Uri.EscapeDataString(key ?? "") : "");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(batch.ToByteArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(MessageHeaders.ProtobufContentType);
        if (key is not null && !inQuery)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return request;
    }

    private static DispatchMessage Message(ulong sequence, string eventType, IMessage payload) => new()
    {
        StreamSequence = sequence,
        Subject = "orders.created.x",
        DeliveryCount = 1,
        Payload = payload.ToByteString(),
        Headers = { new Header { Name = MessageHeaders.EventType, Value = eventType } },
    };

    private static OrderCreated Created(string orderId) => new()
    {
        OrderId = orderId,
        CustomerId = "cust-42",
        Total = new Money { CurrencyCode = "EUR", Units = 39, Nanos = 980_000_000 },
        CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
    };

    private static PaymentProcessed Payment(string orderId, PaymentStatus status, string reason) => new()
    {
        OrderId = orderId,
        PaymentId = "ch_" + orderId[..8],
        Status = status,
        FailureReason = reason,
        Amount = new Money { CurrencyCode = "EUR", Units = 39, Nanos = 980_000_000 },
        ProcessedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
    };
}
