using FunctionsOrders.PaymentFunctions.Provider;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>Tests of how the provider pipeline is configured, not of Polly.</summary>
public sealed class ProviderPipelineTests
{
    private const int MaxRetries = 2;

    private static PaymentProviderOptions Options(int maxRetries = MaxRetries) => new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(2),
        TotalTimeout = TimeSpan.FromSeconds(10),
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(200),
        RetryMaxDelay = TimeSpan.FromSeconds(2),
        BreakerFailureThreshold = 5,
        BreakDuration = TimeSpan.FromSeconds(15),
        BreakerSamplingDuration = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void Total_timeout_wraps_retries_which_wrap_the_breaker_which_wraps_the_attempt_timeout()
    {
        var descriptor = Build(new FakeTimeProvider(), Options(), out _).GetPipelineDescriptor();

        Assert.Collection(
            descriptor.Strategies,
            s => Assert.Equal(Options().TotalTimeout, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout),
            s =>
            {
                var retry = Assert.IsType<RetryStrategyOptions>(s.Options);
                Assert.Equal((2, DelayBackoffType.Exponential, true), (retry.MaxRetryAttempts, retry.BackoffType, retry.UseJitter));
            },
            s =>
            {
                var breaker = Assert.IsType<CircuitBreakerStrategyOptions>(s.Options);
                Assert.Equal((1.0, 5, TimeSpan.FromSeconds(15)), (breaker.FailureRatio, breaker.MinimumThroughput, breaker.BreakDuration));
            },
            s => Assert.Equal(Options().AttemptTimeout, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout));
    }

    [Fact]
    public void Zero_retries_leaves_the_retry_strategy_out()
    {
        var descriptor = Build(new FakeTimeProvider(), Options(maxRetries: 0), out _).GetPipelineDescriptor();

        Assert.DoesNotContain(descriptor.Strategies, s => s.Options is RetryStrategyOptions);
        Assert.Contains(descriptor.Strategies, s => s.Options is CircuitBreakerStrategyOptions);
    }

    [Fact]
    public async Task Breaker_opens_after_5_transient_failures_for_the_break_duration_and_reports_the_remaining_time()
    {
        var time = new FakeTimeProvider();
        var pipeline = Build(time, Options(maxRetries: 0), out var circuit);
        var calls = 0;
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<TransientProviderStatusException>(() => Fail(pipeline, () => calls++));
        }

        var open = await Assert.ThrowsAsync<BrokenCircuitException>(() => Fail(pipeline, () => calls++));
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(5, calls);
        Assert.Equal(TimeSpan.FromSeconds(15), open.RetryAfter);
        Assert.Equal(CircuitState.Open, circuit.State);
        Assert.Equal(TimeSpan.FromSeconds(5), circuit.RemainingBreak());

        time.Advance(TimeSpan.FromSeconds(5));
        await pipeline.ExecuteAsync(_ => ValueTask.CompletedTask);
        Assert.Equal(CircuitState.Closed, circuit.State);
    }

    [Fact]
    public async Task A_success_among_the_failures_keeps_the_breaker_closed()
    {
        var pipeline = Build(new FakeTimeProvider(), Options(maxRetries: 0), out var circuit);
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<TransientProviderStatusException>(() => Fail(pipeline, () => { }));
        }

        await pipeline.ExecuteAsync(_ => ValueTask.CompletedTask);
        await Assert.ThrowsAsync<TransientProviderStatusException>(() => Fail(pipeline, () => { }));

        Assert.Equal(CircuitState.Closed, circuit.State);
    }

    [Fact]
    public async Task Transient_errors_are_retried_with_backoff_and_other_errors_are_neither_retried_nor_counted()
    {
        var time = new FakeTimeProvider();
        var pipeline = Build(time, Options(), out var circuit);
        var transientCalls = 0;
        var run = Fail(pipeline, () => transientCalls++);
        await AdvanceUntilDone(time, run);
        await Assert.ThrowsAsync<TransientProviderStatusException>(() => run);

        var otherCalls = 0;
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await pipeline.ExecuteAsync(_ =>
            {
                otherCalls++;
                throw new InvalidOperationException("not transient");
            }));
        }

        Assert.Equal(1 + MaxRetries, transientCalls);
        Assert.Equal(10, otherCalls);
        Assert.Equal(CircuitState.Closed, circuit.State);
    }

    [Fact]
    public async Task A_hung_attempt_is_abandoned_at_the_attempt_timeout_and_retried()
    {
        var time = new FakeTimeProvider();
        var pipeline = Build(time, Options(), out _);
        var attempts = 0;

        var run = pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            await Task.Delay(Timeout.InfiniteTimeSpan, time, token);
        }).AsTask();
        await AdvanceUntilDone(time, run);

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => run);
        Assert.Equal(1 + MaxRetries, attempts);
    }

    private static ResiliencePipeline Build(FakeTimeProvider time, PaymentProviderOptions options, out ProviderCircuitState circuit)
    {
        circuit = new ProviderCircuitState(time);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        ProviderPipeline.Configure(builder, options, circuit, NullLogger.Instance);
        return builder.Build();
    }

    private static Task Fail(ResiliencePipeline pipeline, Action onCall) => pipeline.ExecuteAsync(_ =>
    {
        onCall();
        throw new TransientProviderStatusException("503") { StatusCode = 503 };
    }).AsTask();

    private static async Task AdvanceUntilDone(FakeTimeProvider time, Task run)
    {
        for (var i = 0; i < 2000 && !run.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));

            // Let the continuations the fake timers released run before time moves on.
            await Task.Delay(TimeSpan.FromMilliseconds(2));
        }
    }
}
