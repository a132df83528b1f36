using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>
/// The responses the host makes of a returned string or object under the RpcHttp model, written by the function:
/// with ASP.NET Core integration the worker writes only an action result, an <see cref="IResult"/> or a response.
/// </summary>
internal static class Answer
{
    /// <summary>The worker's default serializer options, with which it serializes a returned object.</summary>
    private static readonly JsonSerializerOptions WorkerJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>200 with the text as UTF-8; an empty text is an empty body without a content type.</summary>
    public static IActionResult Text(string text) =>
        text.Length == 0
            ? new OkResult()
            : new ContentResult { Content = text, ContentType = "text/plain; charset=utf-8", StatusCode = StatusCodes.Status200OK };

    /// <summary>
    /// 200 (or <paramref name="statusCode"/>) with the value as JSON, serialized as the worker serializes it; written
    /// whole with its length, as the host writes a returned object.
    /// </summary>
    public static IResult Json(object value, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(JsonSerializer.Serialize(value, WorkerJson), "application/json; charset=utf-8", statusCode: statusCode);
}
