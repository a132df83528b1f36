using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>Answers an app setting (an environment variable of the worker), or 404-like empty text.</summary>
public static class Settings
{
    [Function(nameof(Settings))]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "settings/{name}")] HttpRequest request, string name) =>
        Answer.Text(Environment.GetEnvironmentVariable(name) ?? "");
}
