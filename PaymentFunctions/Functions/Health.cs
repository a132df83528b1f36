using FunctionsOrders.FunctionsHttp;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.PaymentFunctions.Functions;

/// <summary>Liveness of the app: answers as soon as the worker serves requests.</summary>
public static class Health
{
    [Function(nameof(Health))]
    public static Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequestData request,
        CancellationToken cancellationToken) =>
        HealthEndpoint.RunAsync(request, "payment-functions", cancellationToken);
}
