using System.Net;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.FunctionsHttp.Auth;
using FunctionsOrders.OrderFunctions.Http;
using FunctionsOrders.OrderFunctions.Intake;
using FunctionsOrders.OrderFunctions.Status;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsOrders.OrderFunctions.Functions;

/// <summary>
/// <c>GET /api/orders/{orderId}</c>: the order's status, never 404 for an accepted order of the caller; 404 for
/// another customer's order, as for one that does not exist; 503 when NATS does not answer in time.
/// </summary>
/// <remarks>Public and static for the worker's direct executor (README, "Benchmarks"); services come from the invocation.</remarks>
public static class GetOrder
{
    [Function(nameof(GetOrder))]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/{orderId}")] HttpRequestData request,
        string orderId,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = await context.InstanceServices.GetRequiredService<CallerAuthenticator>().CustomerAsync(request, cancellationToken);
        if (!caller.Allowed)
        {
            return await CallerAuthenticator.RefuseAsync(request, caller, cancellationToken);
        }

        if (!OrderIds.IsWellFormed(orderId))
        {
            return await ProblemJson.WriteAsync(request, HttpStatusCode.BadRequest, "Malformed order id",
                "An order id is a lower-case hyphenated UUID.", cancellationToken, ("errors", ValidationErrors.Single("orderId", "is not a lower-case hyphenated UUID").ByField));
        }

        var found = await context.InstanceServices.GetRequiredService<OrderQueryHandler>().FindAsync(orderId, caller.Subject, cancellationToken);
        if (found.Unavailable)
        {
            return await OrderProblems.ReadUnavailableAsync(request, found.RetryAfter, cancellationToken);
        }

        if (found.Order is null)
        {
            return await ProblemJson.WriteAsync(request, HttpStatusCode.NotFound, "Order not found", $"No order {orderId}.", cancellationToken);
        }

        return await JsonBody.WriteAsync(request, HttpStatusCode.OK, found.Order, cancellationToken);
    }
}
