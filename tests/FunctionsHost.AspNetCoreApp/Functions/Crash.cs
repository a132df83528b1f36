using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>Ends the worker process at once, as a fatal bug would.</summary>
public static class Crash
{
    [Function(nameof(Crash))]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "crash")] HttpRequest request)
    {
        Environment.FailFast("Crash requested by a test.");
        return Answer.Text("unreachable");
    }
}
