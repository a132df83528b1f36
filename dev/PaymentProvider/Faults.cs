namespace FunctionsOrders.PaymentProvider;

/// <summary>Faults injected at run time with <c>POST /admin/faults</c>; omitted fields mean no such fault.</summary>
internal sealed record Faults(int LatencyMs = 0, double FailureRate = 0, bool Outage = false)
{
    public string? Validate()
    {
        if (LatencyMs < 0)
        {
            return "latencyMs must not be negative.";
        }

        return FailureRate is >= 0 and <= 1 ? null : "failureRate must be between 0 and 1.";
    }
}
