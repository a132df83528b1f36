namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>A dispatch that got no usable answer.</summary>
/// <param name="Reason">Short machine-readable cause (<c>timeout</c>, <c>http_503</c>, <c>breaker_open</c>, …), a metric label.</param>
/// <param name="Pause">With an open route breaker: how long the route pauses.</param>
/// <param name="Exception">What failed, for the log.</param>
internal readonly record struct DispatchFailure(string Reason, TimeSpan? Pause, Exception? Exception);
