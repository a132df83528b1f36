using System.Net;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.OrderFunctions.Http;
using FunctionsOrders.OrderFunctions.Status;
using Google.Protobuf;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.OrderFunctions.Functions;

/// <summary>
/// <c>POST /api/internal/order-events</c>: the bridge's entry for the order-status and payment-status routes. A
/// protobuf <see cref="DispatchBatch"/> in, one outcome per message out.
/// </summary>
internal sealed class OrderEvents(OrderEventsHandler handler)
{
    private const int MaxBatchBytes = 16 * 1024 * 1024;

    [Function(nameof(OrderEvents))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "internal/order-events")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var body = await BodyReader.ReadAsync(request, MaxBatchBytes, cancellationToken);
        if (body is null)
        {
            return await ProblemJson.WriteAsync(request, HttpStatusCode.RequestEntityTooLarge, "Batch too large",
                $"A dispatch batch may be at most {MaxBatchBytes} bytes.", cancellationToken);
        }

        DispatchBatch batch;
        try
        {
            batch = DispatchBatch.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return await ProblemJson.WriteAsync(request, HttpStatusCode.BadRequest, "Invalid dispatch batch",
                $"The body is not a {MessageHeaders.ProtobufContentType} bridge.v1.DispatchBatch: {ex.Message}", cancellationToken);
        }

        var outcomes = await handler.HandleAsync(batch, cancellationToken);
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", MessageHeaders.ProtobufContentType);
        await response.WriteBytesAsync(outcomes.ToByteArray(), cancellationToken);
        return response;
    }
}
