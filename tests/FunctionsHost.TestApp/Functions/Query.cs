using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>Query parameters, from the URL and bound by name.</summary>
public static class Query
{
    [Function(nameof(Query))]
    public static object Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "query")] HttpRequestData request, string? q) =>
        new { bound = q, fromUrl = request.Query["q"], tags = request.Query.GetValues("tag") ?? [] };
}
