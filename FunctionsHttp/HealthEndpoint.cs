using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHttp;

/// <summary>The liveness answer of a function app: 200 with the service's name.</summary>
public static class HealthEndpoint
{
    /// <summary>Writes <c>{"status":"Healthy","service":"&lt;service&gt;"}</c>.</summary>
    public static async Task<HttpResponseData> RunAsync(HttpRequestData request, string service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteBytesAsync(JsonSerializer.SerializeToUtf8Bytes(new { status = "Healthy", service }), cancellationToken);
        return response;
    }
}
