using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>Echoes request headers; answers 201 with single and multi-value headers and a cookie.</summary>
public static class Headers
{
    [Function(nameof(Headers))]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "headers")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(HttpStatusCode.Created);
        response.Headers.Add("X-Single", "one");
        response.Headers.Add("X-Multi", ["first", "second"]);
        response.Cookies.Append(new HttpCookie("flavour", "oat") { Path = "/api", HttpOnly = true });
        var multi = request.Headers.TryGetValues("x-multi", out var values) ? values.ToArray() : [];
        var cookie = request.Cookies.FirstOrDefault(c => c.Name == "session")?.Value;
        await response.WriteAsJsonAsync(new { multi, cookie }, cancellationToken);
        response.StatusCode = HttpStatusCode.Created;
        return response;
    }
}
