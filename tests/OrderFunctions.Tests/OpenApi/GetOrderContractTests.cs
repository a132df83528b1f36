using System.Net;
using System.Net.Http.Headers;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>Real answers of <c>GET /api/orders/{orderId}</c>, each held against the document by <see cref="ContractClient"/>.</summary>
[Collection(OpenApiCollection.Name)]
public sealed class GetOrderContractTests(OpenApiSystem system)
{
    private readonly ContractClient _api = new(system);

    [Fact]
    public async Task An_accepted_order_answers_200_pending_to_its_customer_and_404_to_another()
    {
        using var timeout = TestTimeout.Start();
        var customer = OpenApiSystem.NewCustomer();
        var orderId = await _api.PlaceAsync(customer, timeout.Token);

        using var mine = await _api.GetAsync(system.CustomerToken(customer), orderId, timeout.Token);
        using var theirs = await _api.GetAsync(system.CustomerToken(OpenApiSystem.NewCustomer()), orderId, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("Pending", (await ContractClient.BodyAsync(mine, timeout.Token)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    [Theory]
    [InlineData(PaymentStatus.Succeeded, "Paid")]
    [InlineData(PaymentStatus.Declined, "PaymentFailed")]
    public async Task An_order_whose_payment_outcome_is_known_answers_200_from_the_read_model(PaymentStatus outcome, string expected)
    {
        using var timeout = TestTimeout.Start();
        var customer = OpenApiSystem.NewCustomer();
        var orderId = await _api.PlaceAsync(customer, timeout.Token);
        await DispatchPaymentAsync(orderId, customer, outcome, timeout.Token);

        using var response = await _api.GetAsync(system.CustomerToken(customer), orderId, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await ContractClient.BodyAsync(response, timeout.Token);
        Assert.Equal(expected, order.GetProperty("status").GetString());
        Assert.Equal(outcome == PaymentStatus.Declined, order.TryGetProperty("failureReason", out _));
    }

    [Theory]
    [InlineData("not-an-id", HttpStatusCode.BadRequest)]
    [InlineData("0D9C6A9E-4B8F-4D36-9A51-3F0B1E7F2A10", HttpStatusCode.BadRequest)]
    [InlineData("0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10", HttpStatusCode.NotFound)]
    public async Task A_malformed_id_answers_400_and_an_unknown_one_404(string orderId, HttpStatusCode expected)
    {
        using var timeout = TestTimeout.Start();

        using var response = await _api.GetAsync(system.CustomerToken(OpenApiSystem.NewCustomer()), orderId, timeout.Token);

        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>The bridge's delivery of the payment outcome, on the internal route, as the bridge's identity.</summary>
    private async Task DispatchPaymentAsync(string orderId, string customer, PaymentStatus outcome, CancellationToken cancellationToken)
    {
        var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var payment = new PaymentProcessed
        {
            OrderId = orderId,
            CustomerId = customer,
            PaymentId = "ch_" + orderId[..8],
            Status = outcome,
            FailureReason = outcome == PaymentStatus.Declined ? "card_declined" : "",
            Amount = new Money { CurrencyCode = "EUR", Units = 39, Nanos = 980_000_000 },
            ProcessedAt = now,
            OrderCreatedAt = now,
        };
        var batch = new DispatchBatch { Route = "payment-status" };
        batch.Messages.Add(new DispatchMessage
        {
            StreamSequence = 1,
            Subject = "payments.processed." + orderId,
            DeliveryCount = 1,
            Payload = payment.ToByteString(),
            Headers = { new Header { Name = MessageHeaders.EventType, Value = EventTypes.PaymentProcessed } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/internal/order-events") { Content = new ByteArrayContent(batch.ToByteArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(MessageHeaders.ProtobufContentType);
        request.Headers.Add("x-functions-key", OrderApiFixture.FunctionKey);

        using var response = await system.SendAsync(request, system.InternalToken(), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcomes = DispatchResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(cancellationToken)).Outcomes;
        Assert.Equal(Outcome.Ack, Assert.Single(outcomes).Outcome);
    }
}
