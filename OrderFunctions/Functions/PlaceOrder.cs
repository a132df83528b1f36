using System.Net;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.FunctionsHttp.Auth;
using FunctionsOrders.OrderFunctions.Http;
using FunctionsOrders.OrderFunctions.Intake;
using FunctionsOrders.OrderFunctions.Status;
using FunctionsOrders.OrderFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.OrderFunctions.Functions;

/// <summary>
/// <c>POST /api/orders</c>: authenticate the customer, apply the per-client limit, validate, publish
/// <c>OrderCreated</c>, answer 202 once JetStream stored it (or stored it before under the same Idempotency-Key),
/// 422 when the key holds another order.
/// </summary>
/// <remarks>Public and static for the worker's direct executor (README, "Benchmarks"); services come from the invocation.</remarks>
public static class PlaceOrder
{
    [Function(nameof(PlaceOrder))]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders")] HttpRequestData request,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var services = context.InstanceServices;
        var handler = services.GetRequiredService<PlaceOrderHandler>();
        var options = services.GetRequiredService<IOptions<IntakeOptions>>();
        var metrics = services.GetRequiredService<IntakeMetrics>();
        using var activity = IntakeTelemetry.StartIntake(context);
        var caller = await services.GetRequiredService<CallerAuthenticator>().CustomerAsync(request, cancellationToken);
        if (!caller.Allowed)
        {
            metrics.Rejected("unauthenticated");
            return await CallerAuthenticator.RefuseAsync(request, caller, cancellationToken);
        }

        var forwardedFor = request.Headers.TryGetValues("X-Forwarded-For", out var addresses) ? addresses : null;
        if (services.GetRequiredService<IntakeRateLimiter>().TryAcquire(IntakeRateLimiter.ClientOf(caller.Subject, forwardedFor)) is { } wait)
        {
            metrics.Rejected("rate_limited");
            return await OrderProblems.TooManyAsync(request, wait, cancellationToken);
        }

        var contentType = BodyReader.ContentType(request);
        if (!OrderRequestReader.IsSupported(contentType))
        {
            metrics.Rejected("unsupported_media_type");
            return await ProblemJson.WriteAsync(request, HttpStatusCode.UnsupportedMediaType, "Unsupported content type",
                $"Send {OrderRequestReader.Json} or {OrderRequestReader.Protobuf}.", cancellationToken);
        }

        var body = await BodyReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            metrics.Rejected("too_large");
            return await ProblemJson.WriteAsync(request, HttpStatusCode.RequestEntityTooLarge, "Body too large",
                $"An order body may be at most {options.Value.MaxBodyBytes} bytes.", cancellationToken);
        }

        var errors = new ValidationErrors();
        var key = IdempotencyKey(request, errors);
        var order = OrderRequestReader.Read(contentType, body, errors);
        if (order is not null && caller.Subject is not null)
        {
            // The customer is the token's subject; a customerId in the body may only repeat it.
            if (string.IsNullOrEmpty(order.CustomerId))
            {
                order = order with { CustomerId = caller.Subject };
            }
            else if (order.CustomerId != caller.Subject)
            {
                errors.Add("customerId", "must be the authenticated customer (the token's subject) or be left out");
            }
        }

        var command = order is null ? null : OrderValidator.Validate(order, key, errors);
        if (command is null || !errors.IsEmpty)
        {
            metrics.Rejected("invalid");
            return await OrderProblems.ValidationAsync(request, errors, cancellationToken);
        }

        var result = await handler.HandleAsync(command, cancellationToken);
        switch (result.Outcome)
        {
            case PlaceOrderOutcome.Unavailable:
                return await OrderProblems.UnavailableAsync(request, result.RetryAfter, result.UnavailableReason!, cancellationToken);
            case PlaceOrderOutcome.KeyReused:
                return await OrderProblems.KeyReusedAsync(request, result.Order!.OrderId, cancellationToken);
        }

        var stored = result.Order!;
        activity.SetTag("order.id", stored.OrderId);
        var response = await JsonBody.WriteAsync(request, HttpStatusCode.Accepted,
            new AcceptedOrder(stored.OrderId, nameof(OrderStatus.Pending), OrderQueryHandler.MoneyView(stored.Total)), cancellationToken);
        response.Headers.Add("Location", $"/api/orders/{stored.OrderId}");
        return response;
    }

    private static string? IdempotencyKey(HttpRequestData request, ValidationErrors errors)
    {
        if (!request.Headers.TryGetValues("Idempotency-Key", out var values))
        {
            return null;
        }

        var key = string.Join(",", values);
        if (!OrderValidator.IsValidIdempotencyKey(key))
        {
            errors.Add("Idempotency-Key", $"must be 1 to {OrderValidator.MaxIdLength} printable ASCII characters without spaces");
        }

        return key;
    }
}
