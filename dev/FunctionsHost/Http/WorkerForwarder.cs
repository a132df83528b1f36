using System.Net;
using FunctionsOrders.FunctionsHost.App;
using FunctionsOrders.FunctionsHost.Rpc;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>
/// Forwards HTTP requests to the HTTP server of a worker with ASP.NET Core integration, with YARP's forwarder as the
/// Functions host does. The worker pairs each request with its invocation by the <c>x-ms-invocation-id</c> header.
/// </summary>
internal sealed class WorkerForwarder : IDisposable
{
    /// <summary>The header that names the invocation a forwarded request belongs to.</summary>
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _client;
    private readonly ForwarderRequestConfig _config;

    public WorkerForwarder(IHttpForwarder forwarder, FunctionApp app)
    {
        _forwarder = forwarder;
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            // The trace context is the invocation's, set on each request below; the handler must not replace it.
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });

        // The worker may take as long to answer as the function may run; the timeout is the function timeout's.
        _config = new ForwarderRequestConfig
        {
            ActivityTimeout = app.FunctionTimeout is { } limit ? limit + TimeSpan.FromSeconds(30) : TimeSpan.FromDays(1),
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    /// <summary>
    /// Forwards the request of <paramref name="context"/> to <paramref name="httpUri"/> for invocation
    /// <paramref name="invocationId"/>. When the worker's answer has no body, it is withheld until
    /// <paramref name="reply"/> says how the invocation ended: a function that threw leaves the response to the caller.
    /// </summary>
    public async Task<ForwardResult> ForwardAsync(
        HttpContext context,
        Uri httpUri,
        string invocationId,
        RpcTraceContext traceContext,
        Task<StreamingMessage> reply,
        CancellationToken cancellationToken)
    {
        var transformer = new InvocationTransformer(invocationId, traceContext, reply);
        var error = await _forwarder.SendAsync(context, httpUri.AbsoluteUri, _client, _config, transformer, cancellationToken);
        return new ForwardResult(error, context.GetForwarderErrorFeature()?.Exception);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>How forwarding ended, and the exception behind a <see cref="ForwarderError"/> other than <c>None</c>.</summary>
    internal readonly record struct ForwardResult(ForwarderError Error, Exception? Exception);

    private sealed class InvocationTransformer(string invocationId, RpcTraceContext traceContext, Task<StreamingMessage> reply) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await Default.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

            // A repeated header reaches the worker joined with commas, as in an invocation's RpcHttp (HttpClient
            // would join the values with ", "); what the forwarder left out or set itself stays as it is.
            foreach (var (name, values) in httpContext.Request.Headers)
            {
                if (values.Count < 2
                    || string.Equals(name, HeaderNames.Cookie, StringComparison.OrdinalIgnoreCase)
                    || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var joined = string.Join(',', values.ToArray());
                if (proxyRequest.Headers.NonValidated.Contains(name))
                {
                    proxyRequest.Headers.Remove(name);
                    proxyRequest.Headers.TryAddWithoutValidation(name, joined);
                }
                else if (proxyRequest.Content is { } content && content.Headers.NonValidated.Contains(name))
                {
                    content.Headers.Remove(name);
                    content.Headers.TryAddWithoutValidation(name, joined);
                }
            }

            // A client's own value must not pair its request with somebody else's invocation.
            Set(proxyRequest, InvocationIdHeader, invocationId);
            Set(proxyRequest, "traceparent", traceContext.TraceParent);
            Set(proxyRequest, "tracestate", traceContext.TraceState);
        }

        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
        {
            // An empty answer is what the worker's server sends when the function threw: wait for the invocation's
            // result to tell that from a function that answered without a body. The worker has finished the
            // function by then, so the result follows at once.
            if (proxyResponse?.Content.Headers.ContentLength == 0 && !await SucceededAsync(cancellationToken))
            {
                httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
                if (httpContext.Features.Get<IHttpResponseFeature>() is { } feature)
                {
                    feature.ReasonPhrase = null;
                }

                return false;
            }

            var forward = await Default.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);

            // The host answers as one server, whichever process wrote the response.
            httpContext.Response.Headers.Server = default;
            return forward;
        }

        public override ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken) =>
            Default.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);

        private async Task<bool> SucceededAsync(CancellationToken cancellationToken)
        {
            try
            {
                var message = await reply.WaitAsync(cancellationToken);
                return message.InvocationResponse?.Result?.Status == StatusResult.Types.Status.Success;
            }
            catch (Exception ex) when (ex is OperationCanceledException or Worker.WorkerUnavailableException)
            {
                return false;
            }
        }

        private static void Set(HttpRequestMessage request, string name, string value)
        {
            request.Headers.Remove(name);
            if (value.Length > 0)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}
