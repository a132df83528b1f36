namespace FunctionsOrders.PaymentProvider;

/// <summary>Faults injected at run time with <c>POST /admin/faults</c>; omitted fields mean no such fault.</summary>
/// <param name="LatencyMs">Delay of every answer of the provider's API, charges and searches (see <paramref name="LatencyCustomerPrefix"/>).</param>
/// <param name="FailureRate">Share of API calls answered 503.</param>
/// <param name="Outage">Every API call answered 503.</param>
/// <param name="ErrorStatus">
/// Every API call answered with this status (400–599, not 402) and nothing charged, as a rotated API key (401, 403)
/// or a gateway that lost the route during a deploy (404) would.
/// </param>
/// <param name="ChargeStatus">
/// Every charge reported with this status (e.g. <c>pending</c>, <c>requires_action</c>) instead of its own, as a
/// provider that has not settled it yet; the charge itself is made and its real status shows once this is cleared.
/// </param>
/// <param name="LatencyCustomerPrefix">
/// When set, the latency delays only the charges of customer ids starting with it (one slow charge among fast ones);
/// searches are then not delayed.
/// </param>
internal sealed record Faults(
    int LatencyMs = 0, double FailureRate = 0, bool Outage = false, int? ErrorStatus = null, string? ChargeStatus = null, string? LatencyCustomerPrefix = null)
{
    public string? Validate()
    {
        if (LatencyMs < 0)
        {
            return "latencyMs must not be negative.";
        }

        if (FailureRate is < 0 or > 1)
        {
            return "failureRate must be between 0 and 1.";
        }

        if (ErrorStatus is { } status && (status is < 400 or > 599 || status == StatusCodes.Status402PaymentRequired))
        {
            return "errorStatus must be 400..599 and not 402 (a decline is a charge's outcome: use a customer id starting with decline-).";
        }

        return ChargeStatus is null || (!string.IsNullOrWhiteSpace(ChargeStatus) && ChargeStatus is not (Charge.Succeeded or Charge.Declined))
            ? null
            : "chargeStatus must be a status other than succeeded and declined (those are a charge's outcome), e.g. pending.";
    }
}
