namespace FunctionsOrders.PaymentProvider;

/// <summary>Log messages of the payment-provider simulator; event ids 4100–4199.</summary>
internal static partial class Log
{
    [LoggerMessage(4100, LogLevel.Information, "Payment-provider simulator listening on {Urls}; state is kept in memory only")]
    public static partial void Started(ILogger logger, string urls);

    [LoggerMessage(4101, LogLevel.Debug, "Charge {ChargeId} for order {OrderId}: {Status} {Reason}")]
    public static partial void Charged(ILogger logger, string chargeId, string orderId, string status, string? reason);

    [LoggerMessage(4102, LogLevel.Information, "Charge {ChargeId} for order {OrderId} replayed for a repeated idempotency key")]
    public static partial void Replayed(ILogger logger, string chargeId, string orderId);

    [LoggerMessage(4103, LogLevel.Warning, "Provider {Operation} request failed by an injected fault with {StatusCode}")]
    public static partial void FaultInjected(ILogger logger, string operation, int statusCode);

    [LoggerMessage(4104, LogLevel.Warning, "Faults set: latency {LatencyMs} ms, failure rate {FailureRate}, outage {Outage}, error status {ErrorStatus}, charge status {ChargeStatus}")]
    public static partial void FaultsSet(ILogger logger, int latencyMs, double failureRate, bool outage, int? errorStatus, string? chargeStatus);

    [LoggerMessage(4105, LogLevel.Warning, "The idempotency key of order {OrderId} had expired: charging it again")]
    public static partial void KeyExpired(ILogger logger, string orderId);
}
