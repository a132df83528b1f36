using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>Functions behind a function key and behind the master key.</summary>
public static class Keyed
{
    [Function("KeyedFunction")]
    public static string ByFunctionKey([HttpTrigger(AuthorizationLevel.Function, "get", Route = "keyed/function")] HttpRequestData request) =>
        "function ok";

    [Function("KeyedAdmin")]
    public static string ByMasterKey([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "keyed/admin")] HttpRequestData request) =>
        "admin ok";
}
