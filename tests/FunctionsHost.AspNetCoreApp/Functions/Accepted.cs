using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>A POCO return whose <see cref="HttpResultAttribute"/> property is the HTTP response.</summary>
public static class Accepted
{
    [Function(nameof(Accepted))]
    public static AcceptedOutput Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accepted")] HttpRequest request)
    {
        request.HttpContext.Response.Headers.Location = "/api/items/1";

        // The RpcHttp app's body is bytes without a content type, which the host answers as octet-stream.
        var result = new ContentResult { Content = "queued", ContentType = "application/octet-stream", StatusCode = StatusCodes.Status202Accepted };
        return new AcceptedOutput { Response = result };
    }
}
