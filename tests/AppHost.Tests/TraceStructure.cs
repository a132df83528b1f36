namespace FunctionsOrders.AppHost.Tests;

/// <summary>
/// What one order's trace must hold: the intake under the caller's span, the publish under the intake, the bridge's
/// per-message spans under the publish they delivered, each function's processing under the bridge's span for it,
/// and no span whose parent is missing from the trace (other than those under the caller's own span).
/// </summary>
internal static class TraceStructure
{
    /// <summary>
    /// Null when the trace is complete and well formed; otherwise what is missing or wrong. Without a
    /// <paramref name="clientSpanId"/> (the client sent no traceparent) the intake's parent is the root outside the trace.
    /// </summary>
    public static string? Check(IReadOnlyList<Span> spans, string orderId, string? clientSpanId)
    {
        if (spans.Count == 0)
        {
            return "no spans yet";
        }

        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        Span? Find(string service, string name) => spans.FirstOrDefault(s => s.Service == service && s.Name == name);
        static bool Under(Span child, Span? parent) => parent is not null && child.ParentSpanId == parent.SpanId;

        var intake = Find("order-functions", "order intake");
        var publishCreated = Find("order-functions", $"publish orders.created.{orderId}");
        var bridgePayments = Find("nats-bridge", "process payments");
        var charge = Find("payment-functions", $"process orders.created.{orderId}");
        var provider = Find("payment-functions", "charge payment provider");
        var publishProcessed = Find("payment-functions", $"publish payments.processed.{orderId}");
        var bridgePaymentStatus = Find("nats-bridge", "process payment-status");
        var projectProcessed = Find("order-functions", $"process payments.processed.{orderId}");
        var required = new (string What, Span? Span)[]
        {
            ("order-functions intake", intake), ("order-functions publish of OrderCreated", publishCreated),
            ("nats-bridge payments delivery", bridgePayments),
            ("payment-functions processing", charge), ("payment-functions provider call", provider),
            ("payment-functions publish of PaymentProcessed", publishProcessed),
            ("nats-bridge payment-status delivery", bridgePaymentStatus),
            ("order-functions projection of PaymentProcessed", projectProcessed),
        };
        if (required.FirstOrDefault(r => r.Span is null) is { What: { } missing, Span: null })
        {
            return "missing the " + missing;
        }

        clientSpanId ??= intake!.ParentSpanId;

        var checks = new (string What, bool Holds)[]
        {
            ("intake under the caller's span", intake!.ParentSpanId == clientSpanId),
            ("publish inside the intake", Ancestors(publishCreated!, byId).Contains(intake)),
            ("payments delivery under the publish", Under(bridgePayments!, publishCreated)),
            ("payment processing under the payments delivery", Under(charge!, bridgePayments)),
            ("provider call inside the payment processing", Ancestors(provider!, byId).Contains(charge)),
            ("PaymentProcessed publish inside the payment processing", Ancestors(publishProcessed!, byId).Contains(charge)),
            ("payment-status delivery under the PaymentProcessed publish", Under(bridgePaymentStatus!, publishProcessed)),
            ("PaymentProcessed projection under the payment-status delivery", Under(projectProcessed!, bridgePaymentStatus)),
        };
        if (checks.FirstOrDefault(c => !c.Holds) is { What: { } broken })
        {
            return "expected the " + broken;
        }

        var orphan = spans.FirstOrDefault(s => s.ParentSpanId != clientSpanId && !byId.ContainsKey(s.ParentSpanId));
        return orphan is null ? null : $"span without its parent in the trace: {orphan}";
    }

    private static IEnumerable<Span> Ancestors(Span span, Dictionary<string, Span> byId)
    {
        var seen = new HashSet<string>();
        while (byId.TryGetValue(span.ParentSpanId, out var parent) && seen.Add(parent.SpanId))
        {
            yield return parent;
            span = parent;
        }
    }
}
