using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>Fails with an exception whose message must not reach the client.</summary>
public static class Throw
{
    public const string SecretDetail = "secret-detail-7c1f";

    [Function(nameof(Throw))]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "throw")] HttpRequest request) =>
        throw new InvalidOperationException(SecretDetail);
}
