using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

public static class Ping
{
    [Function(nameof(Ping))]
    public static HttpResponseData Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ping")] HttpRequestData request) =>
        request.CreateResponse(HttpStatusCode.OK);
}
