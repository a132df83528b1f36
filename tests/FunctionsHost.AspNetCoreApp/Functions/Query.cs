using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>Query parameters, from the URL and bound by name.</summary>
public static class Query
{
    [Function(nameof(Query))]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "query")] HttpRequest request, string? q) =>
        Answer.Json(new { bound = q, fromUrl = (string?)request.Query["q"], tags = request.Query["tag"].ToArray() });
}
