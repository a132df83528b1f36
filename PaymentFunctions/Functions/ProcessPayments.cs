using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.PaymentFunctions.Processing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.PaymentFunctions.Functions;

/// <summary>
/// The bridge's entry point for the payments route: a protobuf <see cref="DispatchBatch"/> of <c>OrderCreated</c>
/// messages in, a <see cref="DispatchResponse"/> with one outcome per message out.
/// </summary>
internal sealed class ProcessPayments(PaymentBatchHandler handler, ILogger<ProcessPayments> logger)
{
    [Function(nameof(ProcessPayments))]
    public Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "internal/payments")] HttpRequestData request,
        CancellationToken cancellationToken) =>
        DispatchEndpoint.RunAsync(request, handler.HandleAsync, reason => Log.BatchRefused(logger, reason), cancellationToken);
}
