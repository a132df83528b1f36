using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>Functions behind a function key and behind the master key.</summary>
public static class Keyed
{
    [Function("KeyedFunction")]
    public static IActionResult ByFunctionKey([HttpTrigger(AuthorizationLevel.Function, "get", Route = "keyed/function")] HttpRequest request) =>
        Answer.Text("function ok");

    [Function("KeyedAdmin")]
    public static IActionResult ByMasterKey([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "keyed/admin")] HttpRequest request) =>
        Answer.Text("admin ok");
}
