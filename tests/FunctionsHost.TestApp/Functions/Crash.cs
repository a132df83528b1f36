using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>Ends the worker process at once, as a fatal bug would.</summary>
public static class Crash
{
    [Function(nameof(Crash))]
    public static string Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "crash")] HttpRequestData request)
    {
        Environment.FailFast("Crash requested by a test.");
        return "unreachable";
    }
}
