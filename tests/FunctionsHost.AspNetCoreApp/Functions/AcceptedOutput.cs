using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

public sealed class AcceptedOutput
{
    [HttpResult]
    public required IActionResult Response { get; init; }
}
