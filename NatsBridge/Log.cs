using Microsoft.Extensions.Logging;

namespace FunctionsOrders.NatsBridge;

/// <summary>Log messages of the bridge; event ids 2000–2099.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "Route {Route}: consuming {Stream}/{Consumer} ({Filter}) into {Url}")]
    public static partial void RouteStarted(ILogger logger, string route, string stream, string consumer, string filter, string url);

    [LoggerMessage(2001, LogLevel.Warning, "Route {Route}: fetch failed; retrying in {DelayMs} ms")]
    public static partial void FetchFailed(ILogger logger, string route, double delayMs, Exception exception);

    [LoggerMessage(2002, LogLevel.Warning, "Route {Route}: dispatch of {Count} message(s) failed ({Reason}); held, to be sent again once the function answers a probe")]
    public static partial void BatchFailed(ILogger logger, string route, int count, string reason, Exception? exception);

    [LoggerMessage(2003, LogLevel.Warning, "Route {Route}: paused for {PauseMs} ms ({Reason})")]
    public static partial void RoutePaused(ILogger logger, string route, double pauseMs, string reason);

    [LoggerMessage(2004, LogLevel.Error, "Route {Route}: the function's answer has no outcome for stream sequence {Sequence}; treated as RETRY")]
    public static partial void MissingOutcome(ILogger logger, string route, ulong sequence);

    [LoggerMessage(2005, LogLevel.Warning, "Route {Route}: dead-lettered {Subject} (stream sequence {Sequence}): {Reason}")]
    public static partial void DeadLettered(ILogger logger, string route, string subject, ulong sequence, string reason);

    [LoggerMessage(2006, LogLevel.Error, "Route {Route}: could not dead-letter {Subject} ({Reason}); NAKed instead")]
    public static partial void DeadLetterFailed(ILogger logger, string route, string subject, string reason, Exception exception);

    [LoggerMessage(2007, LogLevel.Information, "Route {Route}: draining {Batches} in-flight batch(es)")]
    public static partial void Draining(ILogger logger, string route, int batches);

    [LoggerMessage(2008, LogLevel.Warning, "Route {Route}: drain deadline passed; NAKing what is unsettled")]
    public static partial void DrainDeadline(ILogger logger, string route);

    [LoggerMessage(2009, LogLevel.Error, "Route {Route}: unexpected error in batch processing")]
    public static partial void BatchCrashed(ILogger logger, string route, Exception exception);

    [LoggerMessage(2010, LogLevel.Warning, "Route {Route}: {Failed} in-progress ack(s) failed; trying again at the next interval")]
    public static partial void InProgressAckFailed(ILogger logger, string route, int failed, Exception exception);

    [LoggerMessage(2011, LogLevel.Warning, "Route {Route}: fetch failed after {Count} message(s) arrived; dispatching those")]
    public static partial void FetchFailedPartway(ILogger logger, string route, int count, Exception exception);

    [LoggerMessage(2012, LogLevel.Warning, "Route {Route}: a batch of {Count} fails while the function answers probes; splitting it to find the message at fault")]
    public static partial void BatchSplit(ILogger logger, string route, int count);

    [LoggerMessage(2013, LogLevel.Warning, "Route {Route}: stream sequence {Sequence} fails the function on its own; it spends a delivery")]
    public static partial void MessageFailsAlone(ILogger logger, string route, ulong sequence);

    [LoggerMessage(2014, LogLevel.Information, "Route {Route}: a batch of {BatchSize} at {MessageSeconds} s a message, one at a time, outlasts the {BudgetSeconds} s it gets; the function answers not_started for what it cannot start in time, and the bridge sends those again")]
    public static partial void BatchMayOutlastBudget(ILogger logger, string route, int batchSize, double messageSeconds, double budgetSeconds);

    [LoggerMessage(2015, LogLevel.Warning, "Route {Route}: {Kind} of stream sequence {Sequence} could not be sent; the server redelivers it after the ack wait")]
    public static partial void SettleFailed(ILogger logger, string route, string kind, ulong sequence, Exception exception);

    [LoggerMessage(2016, LogLevel.Information, "Route {Route}: the function answered in {ElapsedMs} ms; fetching")]
    public static partial void StartProbeAnswered(ILogger logger, string route, long elapsedMs);

    [LoggerMessage(2017, LogLevel.Warning, "Route {Route}: the function did not answer ({Reason}); fetching all the same, and its batches wait for it")]
    public static partial void StartProbeFailed(ILogger logger, string route, string reason, Exception? exception);
}
