using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>A POCO return whose <see cref="HttpResultAttribute"/> property is the HTTP response.</summary>
public static class Accepted
{
    [Function(nameof(Accepted))]
    public static async Task<AcceptedOutput> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accepted")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(HttpStatusCode.Accepted);
        response.Headers.Add("Location", "/api/items/1");
        await response.WriteStringAsync("queued", cancellationToken);
        return new AcceptedOutput { Response = response };
    }
}
