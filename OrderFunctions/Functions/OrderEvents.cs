using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.OrderFunctions.Status;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.OrderFunctions.Functions;

/// <summary>
/// <c>POST /api/internal/order-events</c>: the bridge's entry for the order-status and payment-status routes. A
/// protobuf <see cref="DispatchBatch"/> in, one outcome per message out.
/// </summary>
internal sealed class OrderEvents(OrderEventsHandler handler)
{
    [Function(nameof(OrderEvents))]
    public Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "internal/order-events")] HttpRequestData request,
        CancellationToken cancellationToken) =>
        DispatchEndpoint.RunAsync(request, handler.HandleAsync, refused: null, cancellationToken);
}
