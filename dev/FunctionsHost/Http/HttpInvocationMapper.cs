using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FunctionsOrders.FunctionsHost.Functions;
using FunctionsOrders.FunctionsHost.Rpc;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>Turns an HTTP request into the <c>InvocationRequest</c> the worker expects from the real host.</summary>
internal static class HttpInvocationMapper
{
    /// <summary>
    /// The invocation of <paramref name="function"/> for the request of <paramref name="context"/>. When the request
    /// is <paramref name="forwarded"/> to the worker's own HTTP server, its trigger input is an empty <c>RpcHttp</c>,
    /// as the Functions host sends it; the trigger metadata is the same either way.
    /// </summary>
    public static InvocationRequest ToInvocation(HttpContext context, HttpFunction function, byte[] body, string invocationId, bool forwarded = false)
    {
        var request = context.Request;
        var headers = Joined(request.Headers, name => name.ToLowerInvariant());
        var query = Joined(request.Query, name => name);
        var routeValues = request.RouteValues.ToDictionary(
            v => v.Key,
            v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "",
            StringComparer.Ordinal);

        var http = forwarded ? new RpcHttp() : ToRpcHttp(context, body, headers, query, routeValues);

        var invocation = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            TraceContext = TraceContext(request),
        };
        invocation.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Http = http } });
        AddMetadata(invocation, JsonBodyMetadata.Read(request.ContentType, body), routeValues, query, headers);
        return invocation;
    }

    private static RpcHttp ToRpcHttp(
        HttpContext context,
        byte[] body,
        Dictionary<string, string> headers,
        Dictionary<string, string> query,
        Dictionary<string, string> routeValues)
    {
        var http = new RpcHttp { Method = context.Request.Method, Url = AbsoluteUrl(context) };
        Fill(http.NullableHeaders, headers);
        Fill(http.NullableQuery, query);
        Fill(http.NullableParams, routeValues);
        if (body.Length > 0)
        {
            http.Body = new TypedData { Bytes = UnsafeByteOperations.UnsafeWrap(body) };
        }

        return http;
    }

    private static Dictionary<string, string> Joined(IEnumerable<KeyValuePair<string, StringValues>> values, Func<string, string> name)
    {
        var joined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            joined[name(key)] = string.Join(',', value.ToArray());
        }

        return joined;
    }

    private static void Fill(MapField<string, NullableString> map, Dictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            map[key] = new NullableString { Value = value };
        }
    }

    private static void AddMetadata(
        InvocationRequest invocation,
        IEnumerable<KeyValuePair<string, string>> bodyValues,
        Dictionary<string, string> routeValues,
        Dictionary<string, string> query,
        Dictionary<string, string> headers)
    {
        // Keys are unique ignoring case: the worker rebuilds them case-insensitively and throws on duplicates.
        // Body properties, query parameters (but the key) and route values bind to parameters by name, in
        // rising precedence.
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in bodyValues)
        {
            values[name] = value;
        }

        foreach (var (name, value) in query.Where(q => !string.Equals(q.Key, KeyAuthorizer.QueryName, StringComparison.OrdinalIgnoreCase)))
        {
            values[name] = value;
        }

        foreach (var (name, value) in routeValues)
        {
            values[name] = value;
        }

        values.Remove("Query");
        values.Remove("Headers");
        values["Query"] = JsonSerializer.Serialize(query);
        values["Headers"] = JsonSerializer.Serialize(headers);
        foreach (var (name, value) in values)
        {
            invocation.TriggerMetadata[name] = name is "Query" or "Headers"
                ? new TypedData { Json = value }
                : new TypedData { String = value };
        }
    }

    /// <summary>
    /// The caller's trace context, or a new root marked as sampled: with an unsampled root every parent-based sampler
    /// in the app would drop the whole trace of a request that came without a <c>traceparent</c>.
    /// </summary>
    private static RpcTraceContext TraceContext(HttpRequest request)
    {
        var parent = request.Headers.TraceParent.FirstOrDefault();
        if (string.IsNullOrEmpty(parent) || !ActivityContext.TryParse(parent, null, out _))
        {
            var current = Activity.Current;
            var traceId = current?.TraceId ?? ActivityTraceId.CreateRandom();
            var spanId = current?.SpanId ?? ActivitySpanId.CreateRandom();
            parent = $"00-{traceId.ToHexString()}-{spanId.ToHexString()}-01";
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
}
