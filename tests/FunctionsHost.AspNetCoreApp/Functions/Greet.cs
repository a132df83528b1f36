using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>Parameters bound from the properties of a JSON body.</summary>
public static class Greet
{
    [Function(nameof(Greet))]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "greet")] HttpRequest request, string name, int times) =>
        Answer.Text(string.Join(' ', Enumerable.Repeat($"hello {name}", times)));
}
