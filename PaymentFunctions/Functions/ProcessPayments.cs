using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.FunctionsHttp.Auth;
using FunctionsOrders.PaymentFunctions.Processing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.PaymentFunctions.Functions;

/// <summary>
/// The bridge's entry point for the payments route: a protobuf <see cref="DispatchBatch"/> of <c>OrderCreated</c>
/// messages in, a <see cref="DispatchResponse"/> with one outcome per message out.
/// </summary>
/// <remarks>Public and static for the worker's direct executor (README, "Benchmarks"); services come from the invocation.</remarks>
public static class ProcessPayments
{
    [Function(nameof(ProcessPayments))]
    public static Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "internal/payments")] HttpRequestData request,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.InstanceServices;
        var handler = services.GetRequiredService<PaymentBatchHandler>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProcessPayments).FullName!);
        return DispatchEndpoint.RunAsync(request, services.GetRequiredService<CallerAuthenticator>(), handler.HandleAsync, reason => Log.BatchRefused(logger, reason), cancellationToken);
    }
}
