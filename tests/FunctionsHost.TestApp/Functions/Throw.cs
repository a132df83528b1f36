using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

public static class Throw
{
    public const string SecretDetail = "secret-detail-7c1f";

    [Function(nameof(Throw))]
    public static string Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "throw")] HttpRequestData request) =>
        throw new InvalidOperationException(SecretDetail);
}
