using FunctionsOrders.FunctionsHost.Functions;
using Microsoft.Net.Http.Headers;

namespace FunctionsOrders.Micro.HostHttp;

/// <summary>
/// The two requests the local Functions host sees most, as ASP.NET Core hands them to it: a client placing an order
/// and the bridge posting a batch of the payments route, with the functions they are routed to.
/// </summary>
internal static class HostRequests
{
    public static readonly HttpFunction PlaceOrder =
        new("PlaceOrder", "4c8e2f3a-7d51-4f0b-9a26-1b5c3e8d7f40", "request", AuthLevel.Anonymous, ["POST"], "orders");

    public static readonly HttpFunction ProcessPayments =
        new("ProcessPayments", "9e1d6b27-3c4a-4e85-b0f2-6a7c8d9e0f13", "request", AuthLevel.Function, ["POST"], "internal/payments");

    /// <summary><c>POST /api/orders</c> with a JSON body, from an HTTP client that propagates its trace.</summary>
    public static HttpContext Order(byte[] body) => Post(7071, "/api/orders", body, new()
    {
        [HeaderNames.Accept] = "application/json",
        [HeaderNames.ContentType] = "application/json",
        [HeaderNames.UserAgent] = "checkout-web/2.3",
        ["Idempotency-Key"] = "checkout-7f3a9c2e",
        [HeaderNames.TraceParent] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    });

    /// <summary><c>POST /api/internal/payments</c> with a protobuf batch, as <c>BatchDispatcher</c> sends it.</summary>
    public static HttpContext DispatchBatch(byte[] body) => Post(7072, "/api/internal/payments", body, new()
    {
        [HeaderNames.Accept] = "application/x-protobuf",
        [HeaderNames.ContentType] = "application/x-protobuf",
        ["x-functions-key"] = "function-key-of-this-run",
        [HeaderNames.TraceParent] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    });

    private static DefaultHttpContext Post(int port, string path, byte[] body, Dictionary<string, string> headers)
    {
        var context = new DefaultHttpContext();
        context.Connection.LocalPort = port;
        var request = context.Request;
        request.Method = HttpMethods.Post;
        request.Scheme = "http";
        request.Protocol = "HTTP/1.1";
        request.Host = new HostString("127.0.0.1", port);
        request.Path = path;
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body, writable: false);
        return context;
    }
}
