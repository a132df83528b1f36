using System.Diagnostics;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.ServiceDefaults.Resilience;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>
/// Publishes with a bounded number of publishes in flight (NATS.Net has no equivalent of the Go client's
/// PublishAsyncMaxPending) and the <see cref="ResiliencePipelineNames.NatsPublish"/> pipeline around each publish.
/// </summary>
internal sealed class JetStreamPublisher(
    INatsJSContext js,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<PublishOptions> options,
    ILogger<JetStreamPublisher> logger) : IJetStreamPublisher
{
    private static readonly NatsJSPubOpts NoBuiltInRetry = new() { RetryAttempts = 1 };

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(ResiliencePipelineNames.NatsPublish);
    private readonly int _maxInFlight = options.Value.MaxInFlight;
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public async ValueTask<PublishResult> PublishAsync<T>(string subject, T message, string messageId, CancellationToken cancellationToken = default)
        where T : IMessage<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(messageId);

        if (Interlocked.Increment(ref _inFlight) > _maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            throw new JetStreamPublishException(PublishFailureReason.InFlightLimitReached, subject, messageId,
                $"{_maxInFlight} publishes are already awaiting their PubAck (Nats:Publish:MaxInFlight).");
        }

        using var activity = MessagingTelemetry.StartPublish(subject, messageId);
        try
        {
            var headers = new NatsHeaders
            {
                [MessageHeaders.ContentType] = MessageHeaders.ProtobufContentType,
                [MessageHeaders.EventType] = message.Descriptor.FullName,
            };
            MessagingTelemetry.Inject(activity ?? Activity.Current, headers);
            var opts = NoBuiltInRetry with { MsgId = messageId };

            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(PublishPipeline.Subject, subject);
            context.Properties.Set(PublishPipeline.MessageId, messageId);
            PubAckResponse ack;
            try
            {
                ack = await _pipeline.ExecuteAsync(
                    static async (ctx, state) =>
                    {
                        // While the client reconnects, a publish would wait for the connection: fail the attempt at
                        // once instead, so retries back off and the caller gets its answer within the deadline. (A
                        // connection not yet opened is left alone: the first publish is what opens it.)
                        if (state.js.Connection.ConnectionState == NatsConnectionState.Reconnecting)
                        {
                            throw new NatsException($"Not connected to NATS ({state.js.Connection.ConnectionState}).");
                        }

                        // NATS.Net does not give up on every wait when cancelled (a publish made while it reconnects
                        // waits for the connection), so stop waiting here: the attempt and overall deadlines hold,
                        // and a late PubAck is of no harm, a retry with the same message id being deduplicated.
                        var result = await state.js.PublishAsync(state.subject, state.message, ProtobufSerializer.For<T>(), state.opts, state.headers, ctx.CancellationToken)
                            .AsTask().WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                        if (result.Error is { } error)
                        {
                            throw new NatsJSApiException(error);
                        }

                        return result;
                    },
                    context,
                    (js, subject, message, opts, headers)).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            activity?.SetTag("messaging.nats.stream.sequence", ack.Seq);
            return new PublishResult(ack.Stream ?? string.Empty, ack.Seq, ack.Duplicate);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = Classify(ex, subject, messageId);
            activity?.SetStatus(ActivityStatusCode.Error, failure.Reason.ToString());
            Log.PublishFailed(logger, subject, messageId, failure.Reason, ex);
            throw failure;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static JetStreamPublishException Classify(Exception ex, string subject, string messageId) => ex switch
    {
        JetStreamPublishException p => p,
        TimeoutRejectedException => new(PublishFailureReason.DeadlineExceeded, subject, messageId,
            $"No PubAck for {subject} within the publish deadline (Nats:Publish:Deadline).", ex),
        NatsJSApiException api when PublishErrors.IsStreamFull(api) => new(PublishFailureReason.StreamFull, subject, messageId,
            $"The stream refused {subject}: it is full ({api.Error.Description}).", ex),
        NatsJSApiException api when !PublishErrors.IsTransient(api) => new(PublishFailureReason.Rejected, subject, messageId,
            $"The stream refused {subject}: {api.Error.Description} (code {api.Error.ErrCode}).", ex),
        _ when PublishErrors.IsTransient(ex) => new(PublishFailureReason.Unavailable, subject, messageId,
            $"JetStream did not acknowledge {subject}: {ex.Message}", ex),
        _ => new(PublishFailureReason.Rejected, subject, messageId, $"Publishing {subject} failed: {ex.Message}", ex),
    };
}
