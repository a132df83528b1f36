using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHttp;

/// <summary>The one place the function apps write HTTP errors: RFC 9457 <c>application/problem+json</c>.</summary>
public static class ProblemJson
{
    /// <summary>The media type of problem documents.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>Writes a problem document with <paramref name="status"/>, and any extension members.</summary>
    public static async Task<HttpResponseData> WriteAsync(
        HttpRequestData request, HttpStatusCode status, string title, string detail, CancellationToken cancellationToken,
        params (string Name, object Value)[] extensions)
    {
        ArgumentNullException.ThrowIfNull(request);
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
