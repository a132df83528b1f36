using Microsoft.AspNetCore.Mvc;

namespace FunctionsOrders.PaymentProvider;

/// <summary>
/// <c>POST /v1/charges</c>, <c>GET /v1/charges/search</c> and <c>GET /v1/charges</c>. A charge answers 200 with
/// status <c>succeeded</c>, or 402 with status <c>declined</c> and a reason; the same <c>Idempotency-Key</c> gets
/// the first answer again until the key expires.
/// </summary>
internal static class ChargeEndpoints
{
    public static void MapChargeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/charges", CreateAsync);
        app.MapGet("/v1/charges/search", SearchAsync);

        // The whole list is for inspection and reconciliation, not the provider's API: faults never touch it.
        app.MapGet("/v1/charges", (ChargeStore store) => Results.Ok(store.All()));
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest http, ChargeRequest? request, ChargeStore store, FaultInjector faults, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ChargeEndpoints));
        store.CountRequest();
        if (await InjectedFailure.ApplyAsync(faults, logger, "charge") is { } failed)
        {
            return failed;
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

        var (charge, replayed, expired) = store.GetOrCreate(key, request!);
        if (replayed)
        {
            Log.Replayed(logger, charge.Id, charge.OrderId);
            http.HttpContext.Response.Headers[SimulatorDefaults.ReplayedHeader] = "true";
        }
        else
        {
            if (expired)
            {
                Log.KeyExpired(logger, charge.OrderId);
            }

            Log.Charged(logger, charge.Id, charge.OrderId, charge.Status, charge.Reason);
        }

        await faults.DelayAsync(request!.CustomerId);
        var shown = faults.Present(charge);
        var status = shown.Status == Charge.Declined ? StatusCodes.Status402PaymentRequired : StatusCodes.Status200OK;
        return Results.Json(shown, statusCode: status);
    }

    private static async Task<IResult> SearchAsync(
        [FromQuery(Name = "order_id")] string? orderId, ChargeStore store, FaultInjector faults, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ChargeEndpoints));
        store.CountSearch();
        if (await InjectedFailure.ApplyAsync(faults, logger, "search") is { } failed)
        {
            return failed;
        }

        if (string.IsNullOrWhiteSpace(orderId))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "order_id is required");
        }

        var charges = store.OfOrder(orderId);
        await faults.DelayAsync();
        return Results.Ok(new ChargeSearchResult([.. charges.Select(faults.Present)]));
    }
}
