using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.PaymentFunctions.Tests.FunctionHosting;

/// <summary>An HTTP response that keeps what the function wrote.</summary>
internal sealed class TestHttpResponseData(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => throw new NotSupportedException();

    public byte[] BodyBytes() => ((MemoryStream)Body).ToArray();

    public string? ContentType => Headers.TryGetValues("Content-Type", out var values) ? values.First() : null;
}
