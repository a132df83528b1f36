using FunctionsOrders.Contracts.Orders.V1;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.PaymentFunctions;

/// <summary>Log messages of PaymentFunctions; event ids 4000–4099.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Debug, "Payment of order {OrderId} recorded: {Status} {Reason} (first writer: {Inserted})")]
    public static partial void PaymentRecorded(ILogger logger, string orderId, PaymentStatus status, string reason, bool inserted);

    [LoggerMessage(4001, LogLevel.Information, "Order {OrderId} already has a final payment ({Status}); republishing it")]
    public static partial void PaymentReplayed(ILogger logger, string orderId, PaymentStatus status);

    [LoggerMessage(4002, LogLevel.Warning, "Message {StreamSequence} on {Subject} rejected: {Reason} ({Detail})")]
    public static partial void MessageRejected(ILogger logger, ulong streamSequence, string subject, string reason, string detail);

    [LoggerMessage(4003, LogLevel.Warning, "Payment of order {OrderId} (message {StreamSequence}) to be retried in {DelayMs} ms: {Reason}")]
    public static partial void MessageRetry(ILogger logger, ulong streamSequence, string orderId, string reason, double delayMs, Exception exception);

    [LoggerMessage(4004, LogLevel.Information, "Ledger row of order {OrderId} was written by another delivery first; using its outcome")]
    public static partial void LedgerConflict(ILogger logger, string orderId);

    [LoggerMessage(4005, LogLevel.Warning, "Payment provider call for order {OrderId}, attempt {Attempt} failed; retrying in {DelayMs} ms")]
    public static partial void ProviderRetry(ILogger logger, string orderId, int attempt, double delayMs, Exception? exception);

    [LoggerMessage(4006, LogLevel.Error, "Payment provider circuit breaker opened for {BreakMs} ms after repeated failures: {LastError}")]
    public static partial void BreakerOpened(ILogger logger, double breakMs, string? lastError);

    [LoggerMessage(4007, LogLevel.Information, "Payment provider circuit breaker half-open: letting a trial call through")]
    public static partial void BreakerHalfOpened(ILogger logger);

    [LoggerMessage(4008, LogLevel.Information, "Payment provider circuit breaker closed")]
    public static partial void BreakerClosed(ILogger logger);

    [LoggerMessage(4009, LogLevel.Information, "Ledger table {Table} is ready")]
    public static partial void LedgerTableReady(ILogger logger, string table);

    [LoggerMessage(4010, LogLevel.Warning, "Ledger table {Table} could not be created at start; it is created on first use")]
    public static partial void LedgerTableNotReady(ILogger logger, string table, Exception exception);

    [LoggerMessage(4011, LogLevel.Warning, "Payment batch request refused: {Detail}")]
    public static partial void BatchRefused(ILogger logger, string detail);

    [LoggerMessage(4012, LogLevel.Information, "Order {OrderId} has no ledger row on delivery {DeliveryCount} (or a replay): asking the provider for an existing charge")]
    public static partial void SearchingCharge(ILogger logger, string orderId, uint deliveryCount);

    [LoggerMessage(4013, LogLevel.Warning, "Order {OrderId} was charged already (charge {ChargeId}, {Status}) with no ledger row; recording that charge instead of charging again")]
    public static partial void ChargeFound(ILogger logger, string orderId, string chargeId, PaymentStatus status);
}
