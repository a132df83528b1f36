using System.Net;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests.Hosted;

/// <summary>The payments endpoint opens only to the function key, by header or <c>?code=</c>, and charges nothing for anyone else.</summary>
[Collection(PaymentsApiCollection.Name)]
public sealed class PaymentsApiKeyTests(PaymentsApiFixture api)
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", true)]
    [InlineData("wrong-key", false)]
    [InlineData("wrong-key", true)]
    [InlineData(PaymentsApiFixture.FunctionKey + "x", false)]
    [InlineData("payments-test-function-ke", true)]
    [InlineData("PAYMENTS-TEST-FUNCTION-KEY", false)]
    public async Task Without_the_function_key_the_answer_is_401_and_nothing_is_charged(string? key, bool inQuery)
    {
        using var timeout = TestTimeout.Start();
        var orderId = Guid.NewGuid().ToString();

        using var request = PaymentsApi.Request(PaymentsApi.ValidBatch(orderId), key, inQuery);
        using var response = await api.Client.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(await api.Provider.ChargesAsync(timeout.Token), c => c.OrderId == orderId);
        Assert.Null(await api.Services.LedgerRowAsync(orderId, timeout.Token));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_the_function_key_by_header_or_query_the_order_is_charged(bool inQuery)
    {
        using var timeout = TestTimeout.Start();
        var orderId = Guid.NewGuid().ToString();

        using var request = PaymentsApi.Request(PaymentsApi.ValidBatch(orderId), PaymentsApiFixture.FunctionKey, inQuery);
        using var response = await api.Client.SendAsync(request, timeout.Token);

        Assert.Equal(Outcome.Ack, Assert.Single(await PaymentsApi.OutcomesAsync(response, timeout.Token)).Outcome);
        Assert.Single(await api.Provider.ChargesAsync(timeout.Token), c => c.OrderId == orderId);
    }
}
