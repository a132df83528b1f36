using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FunctionsOrders.FunctionsHost.Functions;
using FunctionsOrders.FunctionsHost.Rpc;
using Google.Protobuf;
using Microsoft.AspNetCore.Http.Extensions;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>Turns an HTTP request into the <c>InvocationRequest</c> the worker expects from the real host.</summary>
internal static class HttpInvocationMapper
{
    public static InvocationRequest ToInvocation(HttpContext context, HttpFunction function, byte[] body, string invocationId)
    {
        var request = context.Request;
        var http = new RpcHttp { Method = request.Method, Url = AbsoluteUrl(context) };
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = string.Join(',', values.ToArray());
        }

        foreach (var (name, value) in headers)
        {
            http.NullableHeaders[name] = Nullable(value);
        }

        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            query[name] = string.Join(',', values.ToArray());
            http.NullableQuery[name] = Nullable(query[name]);
            if (!string.Equals(name, KeyAuthorizer.QueryName, StringComparison.OrdinalIgnoreCase))
            {
                metadata[name] = query[name];
            }
        }

        foreach (var (name, value) in request.RouteValues)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            http.NullableParams[name] = Nullable(text);
            metadata[name] = text;
        }

        if (body.Length > 0)
        {
            http.Body = new TypedData { Bytes = UnsafeByteOperations.UnsafeWrap(body) };
        }

        var invocation = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            TraceContext = TraceContext(request),
        };
        invocation.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Http = http } });
        AddMetadata(invocation, metadata, query, headers);
        return invocation;
    }

    private static void AddMetadata(
        InvocationRequest invocation,
        Dictionary<string, string> values,
        Dictionary<string, string> query,
        Dictionary<string, string> headers)
    {
        // Keys are unique ignoring case: the worker rebuilds them case-insensitively and throws on duplicates.
        values["Query"] = JsonSerializer.Serialize(query);
        values["Headers"] = JsonSerializer.Serialize(headers);
        foreach (var (name, value) in values)
        {
            invocation.TriggerMetadata[name] = name is "Query" or "Headers"
                ? new TypedData { Json = value }
                : new TypedData { String = value };
        }
    }

    private static RpcTraceContext TraceContext(HttpRequest request)
    {
        var parent = request.Headers.TraceParent.FirstOrDefault();
        if (string.IsNullOrEmpty(parent) || !ActivityContext.TryParse(parent, null, out _))
        {
            parent = Activity.Current?.Id
                ?? $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-00";
        }

        return new RpcTraceContext
        {
            TraceParent = parent,
            TraceState = request.Headers.TraceState.FirstOrDefault() ?? "",
        };
    }

    private static string AbsoluteUrl(HttpContext context)
    {
        var request = context.Request;
        return request.Host.HasValue
            ? request.GetEncodedUrl()
            : UriHelper.BuildAbsolute(
                request.Scheme,
                new HostString("localhost", context.Connection.LocalPort),
                request.PathBase,
                request.Path,
                request.QueryString);
    }

    private static NullableString Nullable(string value) => new() { Value = value };
}
