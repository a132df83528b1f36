using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.PaymentFunctions.Functions;

/// <summary>Liveness of the app: answers as soon as the worker serves requests.</summary>
internal sealed class Health
{
    [Function(nameof(Health))]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new { status = "Healthy", service = "payment-functions" }, cancellationToken);
        return response;
    }
}
