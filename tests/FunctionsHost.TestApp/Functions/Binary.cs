using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>Answers the request body reversed, as bytes.</summary>
public static class Binary
{
    [Function(nameof(Binary))]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "binary")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        Array.Reverse(bytes);
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", "application/octet-stream");
        await response.Body.WriteAsync(bytes, cancellationToken);
        return response;
    }
}
