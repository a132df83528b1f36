using System.Globalization;
using FunctionsOrders.FunctionsHost.Rpc;
using Microsoft.Net.Http.Headers;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>Writes the worker's <c>InvocationResponse</c> as the HTTP response, as the real host does.</summary>
internal static class InvocationResponseWriter
{
    private static readonly HashSet<string> HeadersKestrelOwns = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentLength,
        HeaderNames.TransferEncoding,
        HeaderNames.Connection,
    };

    /// <summary>Writes the response; false when the invocation failed (the caller answers 500 without detail).</summary>
    public static async Task<bool> WriteAsync(HttpResponse response, InvocationResponse invocation, CancellationToken cancellationToken)
    {
        if (invocation.Result?.Status != StatusResult.Types.Status.Success)
        {
            return false;
        }

        var http = invocation.OutputData.Select(b => b.Data?.Http).FirstOrDefault(h => h is not null)
            ?? invocation.ReturnValue?.Http;
        if (http is not null)
        {
            WriteHead(response, http);
            await WriteBodyAsync(response, http.Body, cancellationToken);
            return true;
        }

        // A string, POCO or nothing returned: 200 with that value as the body.
        response.StatusCode = StatusCodes.Status200OK;
        await WriteBodyAsync(response, invocation.ReturnValue, cancellationToken);
        return true;
    }

    private static void WriteHead(HttpResponse response, RpcHttp http)
    {
        response.StatusCode = int.TryParse(http.StatusCode, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? status
            : StatusCodes.Status200OK;
        foreach (var (name, value) in http.Headers)
        {
            if (!HeadersKestrelOwns.Contains(name))
            {
                response.Headers.Append(name, value);
            }
        }

        foreach (var (name, value) in http.NullableHeaders)
        {
            if (!HeadersKestrelOwns.Contains(name) && value.StringCase == NullableString.StringOneofCase.Value)
            {
                response.Headers.Append(name, value.Value);
            }
        }

        foreach (var cookie in http.Cookies)
        {
            response.Cookies.Append(cookie.Name, cookie.Value, RpcCookieMapper.ToOptions(cookie));
        }
    }

    private static async Task WriteBodyAsync(HttpResponse response, TypedData? body, CancellationToken cancellationToken)
    {
        var (bytes, contentType) = body?.DataCase switch
        {
            TypedData.DataOneofCase.Bytes => (body.Bytes.Memory, "application/octet-stream"),
            TypedData.DataOneofCase.Stream => (body.Stream.Memory, "application/octet-stream"),
            TypedData.DataOneofCase.String => (Utf8(body.String), "text/plain; charset=utf-8"),
            TypedData.DataOneofCase.Json => (Utf8(body.Json), "application/json; charset=utf-8"),
            TypedData.DataOneofCase.Int => (Utf8(body.Int.ToString(CultureInfo.InvariantCulture)), "text/plain; charset=utf-8"),
            TypedData.DataOneofCase.Double => (Utf8(body.Double.ToString(CultureInfo.InvariantCulture)), "text/plain; charset=utf-8"),
            _ => (ReadOnlyMemory<byte>.Empty, null),
        };
        response.ContentLength = bytes.Length;
        if (bytes.Length > 0)
        {
            response.ContentType ??= contentType;
            await response.Body.WriteAsync(bytes, cancellationToken);
        }
    }

    private static ReadOnlyMemory<byte> Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
