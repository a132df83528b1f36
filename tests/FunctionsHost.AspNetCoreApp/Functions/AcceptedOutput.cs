using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>The return of <see cref="Accepted"/>: its <see cref="HttpResultAttribute"/> property is the response.</summary>
public sealed class AcceptedOutput
{
    [HttpResult]
    public required IActionResult Response { get; init; }
}
