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
        if (!IsProtobuf(request))
        {
            Log.BatchRefused(logger, "unsupported content type");
            return await ProblemJson.WriteAsync(request, HttpStatusCode.UnsupportedMediaType, "Unsupported content type",
                $"The body must be a {MessageHeaders.ProtobufContentType} bridge.v1.DispatchBatch.", cancellationToken);
        }

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

    // A missing Content-Type is accepted: the body is parsed and refused if it is not a batch.
    private static bool IsProtobuf(HttpRequestData request) =>
        !request.Headers.TryGetValues("Content-Type", out var values)
        || values.Any(v => v.Split(';')[0].Trim().Equals(MessageHeaders.ProtobufContentType, StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]> ReadBodyAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
