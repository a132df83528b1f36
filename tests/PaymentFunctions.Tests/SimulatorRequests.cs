using System.Net.Http.Json;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>Raw charge requests to the simulator, as a provider client would send them.</summary>
internal static class SimulatorRequests
{
    public static object Charge(string orderId, string customerId = "c-1") => new { orderId, customerId, amount = 12.5m, currency = "EUR" };

    public static Task<HttpResponseMessage> PostChargeAsync(PaymentProviderSimulator simulator, string? key, object body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/charges") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return simulator.Http.SendAsync(request, cancellationToken);
    }
}
