using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>
/// The <see cref="ProviderPipelineNames.PaymentProvider"/> pipeline, outermost first: a total timeout, retries with
/// exponential backoff and jitter on transient errors, a circuit breaker, and a timeout per attempt. The breaker
/// sits inside the retries so it counts attempts, and an open breaker is not retried: the caller gets
/// <see cref="BrokenCircuitException"/> at once.
/// </summary>
internal static class ProviderPipeline
{
    public static readonly ResiliencePropertyKey<string> OrderId = new("payments.order_id");

    public static void Configure(ResiliencePipelineBuilder builder, PaymentProviderOptions options, ProviderCircuitState circuit, ILogger logger)
    {
        var transient = new PredicateBuilder().Handle<Exception>(ProviderErrors.IsTransient);
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(Retry(options, logger, transient));
        }

        builder
            .AddCircuitBreaker(Breaker(options, circuit, logger, transient))
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }

    private static RetryStrategyOptions Retry(PaymentProviderOptions options, ILogger logger, PredicateBuilder<object> transient) => new()
    {
        Name = "retry",
        MaxRetryAttempts = options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        MaxDelay = options.RetryMaxDelay,
        ShouldHandle = transient,
        OnRetry = args =>
        {
            Log.ProviderRetry(logger, args.Context.Properties.GetValue(OrderId, string.Empty), args.AttemptNumber + 1,
                args.RetryDelay.TotalMilliseconds, args.Outcome.Exception);
            return default;
        },
    };

    // Polly v8 breakers are ratio-based: a ratio of 1 over at least N calls opens after N failures with no success.
    private static CircuitBreakerStrategyOptions Breaker(PaymentProviderOptions options, ProviderCircuitState circuit, ILogger logger, PredicateBuilder<object> transient) => new()
    {
        Name = "breaker",
        FailureRatio = 1.0,
        MinimumThroughput = options.BreakerFailureThreshold,
        SamplingDuration = options.BreakerSamplingDuration,
        BreakDuration = options.BreakDuration,
        ShouldHandle = transient,
        OnOpened = args =>
        {
            circuit.Opened(args.BreakDuration);
            Log.BreakerOpened(logger, args.BreakDuration.TotalMilliseconds, args.Outcome.Exception?.Message);
            return default;
        },
        OnHalfOpened = _ =>
        {
            circuit.HalfOpened();
            Log.BreakerHalfOpened(logger);
            return default;
        },
        OnClosed = _ =>
        {
            circuit.Closed();
            Log.BreakerClosed(logger);
            return default;
        },
    };
}
