using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>
/// What an answer of the provider means. Only a business outcome is final: a success with its charge id, or a
/// decline (402, or status <c>declined</c>/<c>failed</c>) with its reason. Everything else is thrown as a failure
/// to try again later, so that no gateway, key rotation or pending charge ever becomes a payment's final status.
/// </summary>
internal static class ProviderAnswers
{
    public const string Succeeded = "succeeded";

    private static readonly HashSet<string> Declined = new(StringComparer.Ordinal) { "declined", "failed" };

    private static readonly HashSet<string> NotFinal = new(StringComparer.Ordinal)
    {
        "pending", "processing", "requires_action", "requires_capture", "requires_confirmation",
    };

    /// <summary>The failure an HTTP status means by itself; null for the statuses whose body holds the outcome.</summary>
    public static ProviderFailure? FailureOf(int statusCode) => statusCode switch
    {
        200 or 201 or 202 or 402 => null,
        401 or 403 => ProviderFailure.AuthRejected,
        404 or 405 or 410 => ProviderFailure.NotFound,
        429 => ProviderFailure.RateLimited,
        400 or 422 => ProviderFailure.RequestRejected,
        408 or 409 or (>= 500 and <= 599) => ProviderFailure.Unavailable,
        _ => ProviderFailure.UnknownAnswer,
    };

    /// <summary>The exception for an answer that is no outcome: transient ones are retried and count against the breaker.</summary>
    public static Exception Failure(ProviderFailure failure, int statusCode, string detail)
    {
        var message = $"The payment provider answered {statusCode} ({failure}): {detail}";
        return failure is ProviderFailure.Pending or ProviderFailure.RequestRejected
            ? new NonFinalAnswerException(message) { StatusCode = statusCode, Failure = failure }
            : new TransientProviderStatusException(message) { StatusCode = statusCode, Failure = failure };
    }

    /// <summary>The final outcome of one charge as the provider described it, or throws when it is none.</summary>
    public static ChargeResult ToResult(int statusCode, ChargeResponse charge)
    {
        if (statusCode == 402 || (charge.Status is { } declined && Declined.Contains(declined)))
        {
            return new ChargeResult(PaymentStatus.Declined, charge.Id ?? string.Empty, charge.Reason ?? "declined");
        }

        if (charge.Status == Succeeded && !string.IsNullOrWhiteSpace(charge.Id))
        {
            return new ChargeResult(PaymentStatus.Succeeded, charge.Id, string.Empty);
        }

        throw charge.Status is { } status && NotFinal.Contains(status)
            ? Failure(ProviderFailure.Pending, statusCode, $"charge {charge.Id} is {status}")
            : Failure(ProviderFailure.UnknownAnswer, statusCode, $"charge status '{charge.Status}' with id '{charge.Id}'");
    }

    /// <summary>
    /// What the provider's search found for an order: null when it has no charge; a succeeded charge if there is one
    /// (the order is paid, whatever else was tried); else throws for a charge not final yet; else a decline.
    /// </summary>
    public static ChargeResult? FromSearch(IReadOnlyList<ChargeResponse> charges)
    {
        if (charges.Count == 0)
        {
            return null;
        }

        if (charges.FirstOrDefault(c => c.Status == Succeeded) is { } paid)
        {
            return ToResult(200, paid);
        }

        if (charges.FirstOrDefault(c => c.Status is { } status && NotFinal.Contains(status)) is { } pending)
        {
            return ToResult(200, pending);
        }

        return ToResult(200, charges.FirstOrDefault(c => c.Status is { } status && Declined.Contains(status)) ?? charges[0]);
    }
}
