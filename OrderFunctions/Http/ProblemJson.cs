using System.Globalization;
using System.Net;
using System.Text.Json;
using FunctionsOrders.OrderFunctions.Intake;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.OrderFunctions.Http;

/// <summary>The one place HTTP errors are written: RFC 9457 <c>application/problem+json</c>.</summary>
internal static class ProblemJson
{
    public const string ContentType = "application/problem+json";

    public static Task<HttpResponseData> ValidationAsync(HttpRequestData request, ValidationErrors errors, CancellationToken cancellationToken) =>
        WriteAsync(request, HttpStatusCode.BadRequest, "The order is not valid", "See errors for each invalid field.", cancellationToken,
            ("errors", errors.ByField));

    public static async Task<HttpResponseData> UnavailableAsync(HttpRequestData request, TimeSpan retryAfter, string reason, CancellationToken cancellationToken)
    {
        var response = await WriteAsync(request, HttpStatusCode.ServiceUnavailable, "Try again later",
            "The order was not stored; nothing was published. Send the same request again (same Idempotency-Key) after Retry-After.",
            cancellationToken, ("reason", reason));
        response.Headers.Add("Retry-After", Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        return response;
    }

    public static async Task<HttpResponseData> WriteAsync(
        HttpRequestData request, HttpStatusCode status, string title, string detail, CancellationToken cancellationToken,
        params (string Name, object Value)[] extensions)
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
        foreach (var (name, value) in extensions)
        {
            problem[name] = value;
        }

        await response.WriteBytesAsync(JsonSerializer.SerializeToUtf8Bytes(problem), cancellationToken);
        return response;
    }
}
