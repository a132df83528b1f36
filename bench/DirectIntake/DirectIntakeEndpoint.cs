using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.OrderFunctions.Intake;
using FunctionsOrders.OrderFunctions.Status;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;

namespace FunctionsOrders.DirectIntake;

/// <summary>
/// The order intake on bare Kestrel: read the body, validate, encode <c>OrderCreated</c>, publish and await the
/// PubAck, answer 202 — with OrderFunctions' own reader, validator and handler, and no Functions host or worker.
/// </summary>
internal sealed class DirectIntakeEndpoint(PlaceOrderHandler handler, IOptions<IntakeOptions> options, INatsJSContext js, JetStreamTopology topology)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        if (!OrderRequestReader.IsSupported(request.ContentType))
        {
            await Problem(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", null);
            return;
        }

        var body = await ReadBodyAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            await Problem(context, StatusCodes.Status413PayloadTooLarge, "Body too large", null);
            return;
        }

        var errors = new ValidationErrors();
        var key = IdempotencyKey(request, errors);
        var order = OrderRequestReader.Read(request.ContentType, body, errors);
        var command = order is null ? null : OrderValidator.Validate(order, key, errors);
        if (command is null || !errors.IsEmpty)
        {
            await Problem(context, StatusCodes.Status400BadRequest, "The order is not valid", errors.ByField);
            return;
        }

        var result = await handler.HandleAsync(command, cancellationToken);
        if (result.Outcome == PlaceOrderOutcome.KeyReused)
        {
            await Problem(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key already used for another order", result.Order!.OrderId);
            return;
        }

        if (!result.Accepted)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(result.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await Problem(context, StatusCodes.Status503ServiceUnavailable, "Try again later", result.UnavailableReason);
            return;
        }

        var stored = result.Order!;
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers.Location = $"/api/orders/{stored.OrderId}";
        await context.Response.WriteAsJsonAsync(
            new AcceptedOrder(stored.OrderId, nameof(OrderStatus.Pending), OrderQueryHandler.MoneyView(stored.Total)), Json, cancellationToken);
    }

    /// <summary>200 once the ORDERS stream exists, so the benchmark starts only when a publish can succeed.</summary>
    public async Task HealthAsync(HttpContext context)
    {
        try
        {
            await js.GetStreamAsync(topology.OrdersStream, cancellationToken: context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        catch (NatsJSApiException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? IdempotencyKey(HttpRequest request, ValidationErrors errors)
    {
        if (!request.Headers.TryGetValue("Idempotency-Key", out var values))
        {
            return null;
        }

        var key = string.Join(",", values.ToArray());
        if (!OrderValidator.IsValidIdempotencyKey(key))
        {
            errors.Add("Idempotency-Key", $"must be 1 to {OrderValidator.MaxIdLength} printable ASCII characters without spaces");
        }

        return key;
    }

    private static Task Problem(HttpContext context, int status, string title, object? detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsJsonAsync(new { type = "about:blank", title, status, detail }, Json, context.RequestAborted);
    }
}
