using System.Globalization;
using System.Net;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.OrderFunctions.Intake;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.OrderFunctions.Http;

/// <summary>The order API's own problem documents: field errors, and try-again-later with Retry-After.</summary>
internal static class OrderProblems
{
    public static Task<HttpResponseData> ValidationAsync(HttpRequestData request, ValidationErrors errors, CancellationToken cancellationToken) =>
        ProblemJson.WriteAsync(request, HttpStatusCode.BadRequest, "The order is not valid", "See errors for each invalid field.", cancellationToken,
            ("errors", errors.ByField));

    public static async Task<HttpResponseData> UnavailableAsync(HttpRequestData request, TimeSpan retryAfter, string reason, CancellationToken cancellationToken)
    {
        var response = await ProblemJson.WriteAsync(request, HttpStatusCode.ServiceUnavailable, "Try again later",
            "The order was not stored; nothing was published. Send the same request again (same Idempotency-Key) after Retry-After.",
            cancellationToken, ("reason", reason));
        response.Headers.Add("Retry-After", Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        return response;
    }
}
