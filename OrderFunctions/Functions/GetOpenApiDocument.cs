using System.Net;
using FunctionsOrders.OrderFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.OrderFunctions.Functions;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI 3.1 document of the public order API. Anonymous in every
/// <c>Auth:Mode</c>: the description of the API is not a customer's data, and a client needs it before it has a token.
/// </summary>
public static class GetOpenApiDocument
{
    [Function(nameof(GetOpenApiDocument))]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", OpenApiDescription.ContentType);
        await response.Body.WriteAsync(OpenApiDescription.Bytes, cancellationToken);
        return response;
    }
}
