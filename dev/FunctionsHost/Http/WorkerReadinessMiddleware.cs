using FunctionsOrders.FunctionsHost.Functions;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>While no worker serves, an unmatched request gets 503 rather than 404: the functions are not known yet.</summary>
internal sealed class WorkerReadinessMiddleware(RequestDelegate next, FunctionCatalog catalog)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is null && catalog.Worker is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
