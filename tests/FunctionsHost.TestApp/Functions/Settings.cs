using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>Answers an app setting (an environment variable of the worker), or 404-like empty text.</summary>
public static class Settings
{
    [Function(nameof(Settings))]
    public static string Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "settings/{name}")] HttpRequestData request, string name) =>
        Environment.GetEnvironmentVariable(name) ?? "";
}
