using System.Security.Claims;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.Micro.WorkerHttp;

/// <summary>
/// An HTTP request as the isolated worker hands it to a function: headers, and the body as a stream over the bytes
/// the host sent. <see cref="Rewind"/> lets one instance serve every operation of a benchmark.
/// </summary>
internal sealed class InMemoryHttpRequestData : HttpRequestData
{
    private readonly MemoryStream _body;

    public InMemoryHttpRequestData(FunctionContext context, string method, Uri url, byte[] body, params (string Name, string Value)[] headers)
        : base(context)
    {
        Method = method;
        Url = url;
        _body = new MemoryStream(body, writable: false);
        Headers = new HttpHeadersCollection(headers.Select(h => KeyValuePair.Create(h.Name, h.Value)));
    }

    public override Stream Body => _body;

    public override HttpHeadersCollection Headers { get; }

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; }

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; }

    public override HttpResponseData CreateResponse() => new InMemoryHttpResponseData(FunctionContext);

    /// <summary>Puts the body back at its start, as a fresh request would have it.</summary>
    public void Rewind() => _body.Position = 0;
}
