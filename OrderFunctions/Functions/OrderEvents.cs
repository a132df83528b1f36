using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.FunctionsHttp.Auth;
using FunctionsOrders.OrderFunctions.Status;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsOrders.OrderFunctions.Functions;

/// <summary>
/// <c>POST /api/internal/order-events</c>: the bridge's entry for the order-status and payment-status routes. A
/// protobuf <see cref="DispatchBatch"/> in, one outcome per message out.
/// </summary>
/// <remarks>Public and static for the worker's direct executor (README, "Benchmarks"); services come from the invocation.</remarks>
public static class OrderEvents
{
    [Function(nameof(OrderEvents))]
    public static Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "internal/order-events")] HttpRequestData request,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.InstanceServices;
        var handler = services.GetRequiredService<OrderEventsHandler>();
        return DispatchEndpoint.RunAsync(request, services.GetRequiredService<CallerAuthenticator>(), handler.HandleAsync, refused: null, cancellationToken);
    }
}
