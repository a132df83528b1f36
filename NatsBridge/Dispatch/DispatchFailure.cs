namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>A dispatch that got no usable answer.</summary>
/// <param name="Reason">Short machine-readable cause (<c>timeout</c>, <c>http_503</c>, <c>breaker_open</c>, …), a metric label.</param>
/// <param name="Pause">With an open route breaker: how long the route pauses.</param>
/// <param name="Exception">What failed, for the log.</param>
internal readonly record struct DispatchFailure(string Reason, TimeSpan? Pause, Exception? Exception)
{
    /// <summary>
    /// False when the function cannot have worked on the batch: the route breaker kept the call back, or the
    /// function's host refused it (4xx: a wrong key, an unknown route, too large). A timeout, a broken connection,
    /// a 5xx or an unreadable answer may all come after the function started.
    /// </summary>
    public bool MayHaveReachedFunction => Reason != RouteWorker.BreakerOpenReason && !Reason.StartsWith("http_4", StringComparison.Ordinal);
}
