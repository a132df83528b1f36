using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

internal sealed class AcceptedOutput
{
    [HttpResult]
    public required HttpResponseData Response { get; init; }
}
