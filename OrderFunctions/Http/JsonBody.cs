using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.OrderFunctions.Http;

/// <summary>Writes a JSON body (camelCase, nulls left out) with any status.</summary>
internal static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<HttpResponseData> WriteAsync<T>(HttpRequestData request, HttpStatusCode status, T body, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteBytesAsync(JsonSerializer.SerializeToUtf8Bytes(body, Options), cancellationToken);
        return response;
    }
}
