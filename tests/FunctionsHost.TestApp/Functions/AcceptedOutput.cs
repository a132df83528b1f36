using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

public sealed class AcceptedOutput
{
    [HttpResult]
    public required HttpResponseData Response { get; init; }
}
