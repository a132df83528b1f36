using System.Net;
using System.Text.Json;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.PaymentFunctions.Functions;
using FunctionsOrders.PaymentFunctions.Tests.FunctionHosting;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The function's HTTP mapping: protobuf in and out, problem+json for a body that is not a batch.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class ProcessPaymentsFunctionTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task A_protobuf_batch_is_answered_with_a_protobuf_outcome_per_message()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var batch = Batches.Of(scenario.App.Topology, Batches.Order(), Batches.Order());

        var response = await InvokeAsync(scenario, batch.ToByteArray(), MessageHeaders.ProtobufContentType, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MessageHeaders.ProtobufContentType, response.ContentType);
        var outcomes = DispatchResponse.Parser.ParseFrom(response.BodyBytes()).Outcomes;
        Assert.Equal(batch.Messages.Select(m => (m.StreamSequence, Outcome.Ack)), outcomes.Select(o => (o.StreamSequence, o.Outcome)));
    }

    [Theory]
    [InlineData(MessageHeaders.ProtobufContentType, HttpStatusCode.BadRequest)]
    [InlineData("application/json", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_body_that_is_not_a_dispatch_batch_gets_problem_json_and_charges_nothing(string contentType, HttpStatusCode expected)
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        byte[] body = [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01];

        var response = await InvokeAsync(scenario, body, contentType, timeout.Token);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        using var problem = JsonDocument.Parse(response.BodyBytes());
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        Assert.Equal(0, await scenario.Provider.ChargeRequestsAsync(timeout.Token));
    }

    private static async Task<TestHttpResponseData> InvokeAsync(PaymentScenario scenario, byte[] body, string contentType, CancellationToken cancellationToken)
    {
        var services = scenario.App.Services;
        var context = new TestFunctionContext(services, cancellationToken);
        var request = new TestHttpRequestData(context, body, contentType);
        return (TestHttpResponseData)await ProcessPayments.Run(request, context, cancellationToken);
    }
}
