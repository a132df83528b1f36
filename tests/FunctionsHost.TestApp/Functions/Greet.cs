using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>Parameters bound from the properties of a JSON body.</summary>
public static class Greet
{
    [Function(nameof(Greet))]
    public static string Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "greet")] HttpRequestData request, string name, int times) =>
        string.Join(' ', Enumerable.Repeat($"hello {name}", times));
}
