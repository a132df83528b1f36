using System.Globalization;
using System.Net;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.OrderFunctions.Intake;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.OrderFunctions.Http;

/// <summary>The order API's own problem documents: field errors, and try-again-later with Retry-After.</summary>
internal static class OrderProblems
{
    private const string NotStored =
        "The order was not stored; nothing was published. Send the same request again (same Idempotency-Key) after Retry-After.";

    private const string StoredNotRead =
        "An order with this Idempotency-Key is stored, but NATS did not answer in time to read it; nothing new was stored. " +
        "Send the same request again after Retry-After.";

    private const string NotRead = "The order could not be read: NATS did not answer in time. Send the request again after Retry-After.";

    public static Task<HttpResponseData> ValidationAsync(HttpRequestData request, ValidationErrors errors, CancellationToken cancellationToken) =>
        ProblemJson.WriteAsync(request, HttpStatusCode.BadRequest, "The order is not valid", "See errors for each invalid field.", cancellationToken,
            ("errors", errors.ByField));

    /// <summary>422 to a POST whose Idempotency-Key holds another order (customer, currency, total or lines differ).</summary>
    public static Task<HttpResponseData> KeyReusedAsync(HttpRequestData request, string orderId, CancellationToken cancellationToken) =>
        ProblemJson.WriteAsync(request, HttpStatusCode.UnprocessableEntity, "Idempotency-Key already used for another order",
            $"The Idempotency-Key holds order {orderId}, whose currency, total or lines differ from this request's; nothing was stored. " +
            "Repeat a request with the same body, or place a new order with a new key.",
            cancellationToken, ("orderId", orderId));

    /// <summary>503 to a POST: the order was not stored, or its key's stored order could not be read.</summary>
    public static Task<HttpResponseData> UnavailableAsync(HttpRequestData request, TimeSpan retryAfter, string reason, CancellationToken cancellationToken) =>
        TryLaterAsync(request, retryAfter, reason, reason == PlaceOrderResult.ReadUnavailable ? StoredNotRead : NotStored, cancellationToken);

    /// <summary>503 to a GET: NATS did not answer in time, so whether the order exists is not known.</summary>
    public static Task<HttpResponseData> ReadUnavailableAsync(HttpRequestData request, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        TryLaterAsync(request, retryAfter, PlaceOrderResult.ReadUnavailable, NotRead, cancellationToken);

    /// <summary>429 to a POST: this client placed more orders than <c>Orders:RateLimit</c> allows; nothing was stored.</summary>
    public static async Task<HttpResponseData> TooManyAsync(HttpRequestData request, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var response = await ProblemJson.WriteAsync(request, HttpStatusCode.TooManyRequests, "Too many orders",
            "This client placed more orders than its limit allows. The order was not stored; send it again after Retry-After.", cancellationToken);
        response.Headers.Add("Retry-After", Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        return response;
    }

    private static async Task<HttpResponseData> TryLaterAsync(
        HttpRequestData request, TimeSpan retryAfter, string reason, string detail, CancellationToken cancellationToken)
    {
        var response = await ProblemJson.WriteAsync(request, HttpStatusCode.ServiceUnavailable, "Try again later", detail, cancellationToken, ("reason", reason));
        response.Headers.Add("Retry-After", Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        return response;
    }
}
