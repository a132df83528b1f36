using System.Net;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.PaymentFunctions.Http;
using FunctionsOrders.PaymentFunctions.Processing;
using Google.Protobuf;
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
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "internal/payments")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        DispatchBatch batch;
        try
        {
            batch = DispatchBatch.Parser.ParseFrom(await ReadBodyAsync(request, cancellationToken));
        }
        catch (InvalidProtocolBufferException ex)
        {
            Log.BatchRefused(logger, ex.Message);
            return await ProblemJson.WriteAsync(request, HttpStatusCode.BadRequest, "Invalid dispatch batch",
                $"The body is not a {MessageHeaders.ProtobufContentType} bridge.v1.DispatchBatch: {ex.Message}", cancellationToken);
        }

        var outcome = await handler.HandleAsync(batch, cancellationToken);
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", MessageHeaders.ProtobufContentType);
        await response.WriteBytesAsync(outcome.ToByteArray(), cancellationToken);
        return response;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
