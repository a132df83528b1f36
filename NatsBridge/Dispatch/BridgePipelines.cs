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
            SamplingDuration = TimeSpan.FromMinutes(1),
            BreakDuration = route.BreakDuration,
            ShouldHandle = new PredicateBuilder().Handle<DispatchFailedException>(),
        });
}
