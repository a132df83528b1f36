using System.Security.Claims;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.PaymentFunctions.Tests.FunctionHosting;

/// <summary>An HTTP request as the worker hands it to a function.</summary>
internal sealed class TestHttpRequestData(FunctionContext context, byte[] body, string? contentType) : HttpRequestData(context)
{
    public override Stream Body { get; } = new MemoryStream(body);

    public override HttpHeadersCollection Headers { get; } = contentType is null ? [] : new HttpHeadersCollection { { "Content-Type", contentType } };

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = new("http://localhost/api/internal/payments");

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method => "POST";

    public override HttpResponseData CreateResponse() => new TestHttpResponseData(FunctionContext);
}
