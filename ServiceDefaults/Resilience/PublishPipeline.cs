using FunctionsOrders.ServiceDefaults.JetStream;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FunctionsOrders.ServiceDefaults.Resilience;

/// <summary>
/// The <see cref="ResiliencePipelineNames.NatsPublish"/> pipeline: an overall deadline, around retries with
/// exponential backoff and jitter on transient failures, around a per-attempt timeout.
/// </summary>
internal static class PublishPipeline
{
    public static readonly ResiliencePropertyKey<string> Subject = new("nats.subject");
    public static readonly ResiliencePropertyKey<string> MessageId = new("nats.message_id");

    public static void Configure(ResiliencePipelineBuilder builder, PublishOptions options, ILogger logger)
    {
        builder
            .AddTimeout(new TimeoutStrategyOptions { Name = "deadline", Timeout = options.Deadline })
            .AddRetry(new RetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(PublishErrors.IsTransient),
                OnRetry = args =>
                {
                    Log.PublishRetry(logger,
                        args.Context.Properties.GetValue(Subject, string.Empty),
                        args.Context.Properties.GetValue(MessageId, string.Empty),
                        args.AttemptNumber + 1,
                        args.RetryDelay.TotalMilliseconds,
                        args.Outcome.Exception);
                    return default;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }
}
