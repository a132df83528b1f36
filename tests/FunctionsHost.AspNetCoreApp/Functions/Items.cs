using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>Route values with a constraint and an optional segment, bound to parameters.</summary>
public static class Items
{
    [Function(nameof(Items))]
    public static IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", Route = "items/{id:int}/{name?}")] HttpRequest request,
        int id,
        string? name) =>
        Answer.Json(new { id, name, method = request.Method });
}
