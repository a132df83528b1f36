namespace FunctionsOrders.PaymentProvider;

/// <summary><c>/admin/faults</c> to inject faults at run time and <c>/admin/stats</c> to count requests.</summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/faults", (FaultInjector faults) => Results.Ok(faults.Current));
        app.MapPost("/admin/faults", (Faults? faults, FaultInjector injector, ILoggerFactory loggers) =>
        {
            faults ??= new Faults();
            if (faults.Validate() is { } error)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid faults", detail: error);
            }

            injector.Set(faults);
            Log.FaultsSet(loggers.CreateLogger(typeof(AdminEndpoints)), faults.LatencyMs, faults.FailureRate, faults.Outage, faults.ErrorStatus, faults.ChargeStatus);
            return Results.Ok(faults);
        });
        app.MapGet("/admin/stats", (ChargeStore store) =>
            Results.Ok(new SimulatorStats(store.Requests, store.All().Count, store.Searches, store.IdempotencyKeys())));
        app.MapGet("/health", () => Results.Ok(new { status = "Healthy", service = "payment-provider-simulator" }));
    }
}
