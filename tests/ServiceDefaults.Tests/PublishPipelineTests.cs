using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.ServiceDefaults.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Polly;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace FunctionsOrders.ServiceDefaults.Tests;

/// <summary>Tests of how the publish pipeline is configured, not of Polly.</summary>
public sealed class PublishPipelineTests
{
    private static readonly PublishOptions Options = new()
    {
        Deadline = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public void Deadline_wraps_retries_which_wrap_the_attempt_timeout()
    {
        var descriptor = Build(new FakeTimeProvider()).GetPipelineDescriptor();

        Assert.Collection(
            descriptor.Strategies,
            s => Assert.Equal(Options.Deadline, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout),
            s =>
            {
                var retry = Assert.IsType<RetryStrategyOptions>(s.Options);
                Assert.Equal(3, retry.MaxRetryAttempts);
                Assert.Equal(DelayBackoffType.Exponential, retry.BackoffType);
                Assert.True(retry.UseJitter);
                Assert.Equal(TimeSpan.FromSeconds(1), retry.MaxDelay);
            },
            s => Assert.Equal(Options.AttemptTimeout, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout));
    }

    [Fact]
    public async Task Transient_failures_are_retried_up_to_the_limit()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;

        var run = Build(time).ExecuteAsync(_ =>
        {
            attempts++;
            throw new NatsNoRespondersException();
        }).AsTask();
        await AdvanceUntilDone(time, run);

        await Assert.ThrowsAsync<NatsNoRespondersException>(() => run);
        Assert.Equal(1 + Options.MaxRetries, attempts);
    }

    [Fact]
    public async Task Refusals_by_the_stream_are_not_retried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<NatsJSApiException>(async () => await Build(new FakeTimeProvider()).ExecuteAsync(_ =>
        {
            attempts++;
            throw new NatsJSApiException(new ApiError { Code = 400, ErrCode = 10054, Description = "message size exceeds maximum allowed" });
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_hung_attempt_is_abandoned_and_the_deadline_ends_the_publish()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;

        var run = Build(time).ExecuteAsync(async token =>
        {
            attempts++;
            await Task.Delay(Timeout.InfiniteTimeSpan, time, token);
        }).AsTask();
        await AdvanceUntilDone(time, run);

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => run);
        Assert.InRange(attempts, 2, 1 + Options.MaxRetries);
    }

    private static ResiliencePipeline Build(TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        PublishPipeline.Configure(builder, Options, NullLogger.Instance);
        return builder.Build();
    }

    private static async Task AdvanceUntilDone(FakeTimeProvider time, Task run)
    {
        for (var i = 0; i < 2000 && !run.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));

            // Let the continuations the fake timers released run before time moves on.
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }
}
