namespace FunctionsOrders.PaymentProvider;

/// <summary>
/// <c>POST /v1/charges</c> and <c>GET /v1/charges</c>. A charge answers 200 with status <c>succeeded</c>, or 402
/// with status <c>declined</c> and a reason; the same <c>Idempotency-Key</c> always gets the first answer again.
/// </summary>
internal static class ChargeEndpoints
{
    public static void MapChargeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/charges", CreateAsync);
        app.MapGet("/v1/charges", (ChargeStore store) => Results.Ok(store.All()));
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest http, ChargeRequest? request, ChargeStore store, FaultInjector faults, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ChargeEndpoints));
        store.CountRequest();
        if (faults.ShouldFail())
        {
            await faults.DelayAsync();
            Log.FaultInjected(logger);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Provider unavailable",
                detail: "An injected fault (outage or failure rate) failed this request; nothing was charged.");
        }

        var key = http.Headers[SimulatorDefaults.IdempotencyKeyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key header is required");
        }

        if (request?.Validate() is { } error)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid charge", detail: error);
        }

        var (charge, replayed) = store.GetOrCreate(key, request!);
        if (replayed)
        {
            Log.Replayed(logger, charge.Id, charge.OrderId);
            http.HttpContext.Response.Headers[SimulatorDefaults.ReplayedHeader] = "true";
        }
        else
        {
            Log.Charged(logger, charge.Id, charge.OrderId, charge.Status, charge.Reason);
        }

        await faults.DelayAsync();
        var status = charge.Status == Charge.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status402PaymentRequired;
        return Results.Json(charge, statusCode: status);
    }
}
