using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.Micro.WorkerHttp;

/// <summary>A response as the isolated worker builds one: status, headers and a growing in-memory body.</summary>
internal sealed class InMemoryHttpResponseData(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies { get; } = new NoCookies();

    private sealed class NoCookies : HttpCookies
    {
        public override void Append(string name, string value) => throw new NotSupportedException();

        public override void Append(IHttpCookie cookie) => throw new NotSupportedException();

        public override IHttpCookie CreateNew() => throw new NotSupportedException();
    }
}
