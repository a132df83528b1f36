using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>Route values with a constraint and an optional segment, bound to parameters.</summary>
public static class Items
{
    [Function(nameof(Items))]
    public static object Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", Route = "items/{id:int}/{name?}")] HttpRequestData request,
        int id,
        string? name) =>
        new { id, name, method = request.Method };
}
