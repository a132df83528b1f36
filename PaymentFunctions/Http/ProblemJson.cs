using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.PaymentFunctions.Http;

/// <summary>The one place HTTP errors are written: RFC 9457 <c>application/problem+json</c>.</summary>
internal static class ProblemJson
{
    public const string ContentType = "application/problem+json";

    public static async Task<HttpResponseData> WriteAsync(
        HttpRequestData request, HttpStatusCode status, string title, string detail, CancellationToken cancellationToken = default)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", ContentType);
        var problem = new Dictionary<string, object>
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = (int)status,
            ["detail"] = detail,
            ["instance"] = request.Url.AbsolutePath,
        };
        await response.WriteBytesAsync(JsonSerializer.SerializeToUtf8Bytes(problem), cancellationToken);
        return response;
    }
}
