using FunctionsOrders.NatsBridge.Routing;
using Polly;
using Polly.CircuitBreaker;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>The per-route dispatch pipeline: a circuit breaker over whole-batch failures.</summary>
internal static class BridgePipelines
{
    public static string DispatchKey(string route) => "bridge-dispatch:" + route;

    public static void Configure(ResiliencePipelineBuilder builder, BridgeRouteOptions route) =>
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            Name = "route-breaker",
            FailureRatio = 1.0,
            MinimumThroughput = route.BreakerFailures,
            // Short: a success anywhere in the window keeps a ratio-1 breaker closed, so with a long window a
            // function that fails after steady traffic would be called at full rate for that long.
            SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = route.BreakDuration,
            ShouldHandle = new PredicateBuilder().Handle<DispatchFailedException>(),
        });
}
