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

    public ValueTask<PublishResult> PublishAsync<T>(string subject, T message, string messageId, CancellationToken cancellationToken = default)
        where T : IMessage<T> => PublishAsync(subject, message, messageId, PublishCondition.None, cancellationToken);

    public async ValueTask<PublishResult> PublishAsync<T>(
        string subject, T message, string messageId, PublishCondition condition, CancellationToken cancellationToken = default)
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
            var opts = NoBuiltInRetry with
            {
                MsgId = messageId,
                ExpectedLastSubjectSequence = condition == PublishCondition.FirstOnSubject ? 0 : null,
            };

            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(PublishPipeline.Subject, subject);
            context.Properties.Set(PublishPipeline.MessageId, messageId);
            PubAckResponse ack;
            try
            {
                ack = await _pipeline.ExecuteAsync(
                    static (ctx, state) => PublishOnceAsync(state.js, state.subject, state.message, state.opts, state.headers, ctx.CancellationToken),
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

    /// <summary>One attempt: the PubAck, or the stream's refusal as an exception for the pipeline to judge.</summary>
    private static async ValueTask<PubAckResponse> PublishOnceAsync<T>(
        INatsJSContext js, string subject, T message, NatsJSPubOpts opts, NatsHeaders headers, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        // While the client reconnects, a publish would wait for the connection: fail the attempt at once instead, so
        // retries back off and the caller gets its answer within the deadline. (A connection not yet opened is left
        // alone: the first publish is what opens it.)
        if (js.Connection.ConnectionState == NatsConnectionState.Reconnecting)
        {
            throw new NatsException($"Not connected to NATS ({js.Connection.ConnectionState}).");
        }

        // NATS.Net does not give up on every wait when cancelled (a publish made while it reconnects waits for the
        // connection), so stop waiting here: the attempt and overall deadlines hold, and a late PubAck is of no harm,
        // a retry with the same message id being deduplicated.
        var result = await js.PublishAsync(subject, message, ProtobufSerializer.For<T>(), opts, headers, cancellationToken)
            .AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            // A subject that must be empty holds a message: this one, stored by an attempt whose PubAck was lost, or
            // an earlier one. Either way nothing new was stored, as with a repeated message id.
            if (opts.ExpectedLastSubjectSequence == 0 && PublishErrors.IsWrongLastSequence(error, out var last))
            {
                return new PubAckResponse { Stream = result.Stream, Seq = last, Duplicate = true };
            }

            throw new NatsJSApiException(error);
        }

        return result;
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
