using System.Net;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.OrderFunctions.Http;
using FunctionsOrders.OrderFunctions.Intake;
using FunctionsOrders.OrderFunctions.Status;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.OrderFunctions.Functions;

/// <summary><c>GET /api/orders/{orderId}</c>: the order's status, never 404 for an accepted order.</summary>
internal sealed class GetOrder(OrderQueryHandler handler)
{
    [Function(nameof(GetOrder))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/{orderId}")] HttpRequestData request,
        string orderId,
        CancellationToken cancellationToken)
    {
        if (!OrderIds.IsWellFormed(orderId))
        {
            return await ProblemJson.WriteAsync(request, HttpStatusCode.BadRequest, "Malformed order id",
                "An order id is a lower-case hyphenated UUID.", cancellationToken, ("errors", ValidationErrors.Single("orderId", "is not a lower-case hyphenated UUID").ByField));
        }

        var order = await handler.FindAsync(orderId, cancellationToken);
        if (order is null)
        {
            return await ProblemJson.WriteAsync(request, HttpStatusCode.NotFound, "Order not found", $"No order {orderId}.", cancellationToken);
        }

        return await JsonBody.WriteAsync(request, HttpStatusCode.OK, order, cancellationToken);
    }
}
