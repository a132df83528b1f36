using System.Net;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.FunctionsHttp.Auth;
using Google.Protobuf;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHttp;

/// <summary>
/// The HTTP side of a function the bridge calls: a protobuf <see cref="DispatchBatch"/> in, the handler's
/// <see cref="DispatchResponse"/> out. A body that is not a batch is refused with a problem document.
/// </summary>
public static class DispatchEndpoint
{
    /// <summary>Largest batch body accepted. Default 16 MiB.</summary>
    public const int MaxBatchBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Authenticates the caller as an internal one (<see cref="CallerAuthenticator.InternalAsync"/>), then reads the
    /// batch, runs <paramref name="handle"/> and writes its outcomes; <paramref name="refused"/> hears why a request
    /// was refused.
    /// </summary>
    public static async Task<HttpResponseData> RunAsync(
        HttpRequestData request,
        CallerAuthenticator authenticator,
        Func<DispatchBatch, CancellationToken, Task<DispatchResponse>> handle,
        Action<string>? refused,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        var caller = await authenticator.InternalAsync(request, cancellationToken);
        if (!caller.Allowed)
        {
            refused?.Invoke($"caller refused: {caller.Error}");
            return await CallerAuthenticator.RefuseAsync(request, caller, cancellationToken);
        }

        return await RunAsync(request, handle, refused, cancellationToken);
    }

    /// <summary>Reads the batch, runs <paramref name="handle"/>, writes its outcomes; <paramref name="refused"/> hears why a body was refused.</summary>
    public static async Task<HttpResponseData> RunAsync(
        HttpRequestData request,
        Func<DispatchBatch, CancellationToken, Task<DispatchResponse>> handle,
        Action<string>? refused,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);

        // A missing Content-Type is accepted: the body is parsed and refused if it is not a batch.
        var mediaType = BodyReader.MediaType(BodyReader.ContentType(request));
        if (mediaType is not null && mediaType != MessageHeaders.ProtobufContentType)
        {
            refused?.Invoke("unsupported content type");
            return await ProblemJson.WriteAsync(request, HttpStatusCode.UnsupportedMediaType, "Unsupported content type",
                $"The body must be a {MessageHeaders.ProtobufContentType} bridge.v1.DispatchBatch.", cancellationToken);
        }

        var body = await BodyReader.ReadAsync(request, MaxBatchBytes, cancellationToken);
        if (body is null)
        {
            refused?.Invoke("too large");
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
            refused?.Invoke(ex.Message);
            return await ProblemJson.WriteAsync(request, HttpStatusCode.BadRequest, "Invalid dispatch batch",
                $"The body is not a {MessageHeaders.ProtobufContentType} bridge.v1.DispatchBatch: {ex.Message}", cancellationToken);
        }

        var outcomes = await handle(batch, cancellationToken);
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", MessageHeaders.ProtobufContentType);
        await response.WriteBytesAsync(outcomes.ToByteArray(), cancellationToken);
        return response;
    }
}
