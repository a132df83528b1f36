using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Primitives;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>Echoes request headers; answers 201 with single and multi-value headers and a cookie.</summary>
public static class Headers
{
    [Function(nameof(Headers))]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "headers")] HttpRequest request)
    {
        var response = request.HttpContext.Response;
        response.Headers.Append("X-Single", "one");
        response.Headers.Append("X-Multi", new StringValues(["first", "second"]));
        response.Cookies.Append("flavour", "oat", new CookieOptions { Path = "/api", HttpOnly = true });
        var multi = request.Headers["x-multi"].ToArray();
        var cookie = request.Cookies["session"];
        return Answer.Json(new { multi, cookie }, StatusCodes.Status201Created);
    }
}
