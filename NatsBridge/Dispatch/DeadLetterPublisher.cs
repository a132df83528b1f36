using System.Globalization;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.NatsBridge.Routing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>Copies a message the bridge gives up on to <c>deadletter.&lt;route&gt;</c>, with why, where from and when.</summary>
internal sealed class DeadLetterPublisher(INatsJSContext js, TimeProvider time)
{
    public async Task PublishAsync(BridgeRoute route, INatsJSMsg<byte[]> message, string reason, CancellationToken cancellationToken)
    {
        var metadata = message.Metadata!.Value;
        var headers = new NatsHeaders();
        if (message.Headers is { } original)
        {
            foreach (var (name, values) in original)
            {
                if (!MessageHeaders.IsNotCopied(name))
                {
                    headers[name] = values;
                }
            }
        }

        if (headers.Remove(MessageHeaders.MessageId, out var originalId))
        {
            headers[MessageHeaders.DeadLetter.OriginalMessageId] = originalId;
        }

        headers[MessageHeaders.DeadLetter.Reason] = reason;
        headers[MessageHeaders.DeadLetter.Route] = route.Name;
        headers[MessageHeaders.DeadLetter.Stream] = metadata.Stream;
        headers[MessageHeaders.DeadLetter.OriginalSubject] = message.Subject;
        headers[MessageHeaders.DeadLetter.StreamSequence] = metadata.Sequence.Stream.ToString(CultureInfo.InvariantCulture);
        headers[MessageHeaders.DeadLetter.DeliveryCount] = metadata.NumDelivered.ToString(CultureInfo.InvariantCulture);
        headers[MessageHeaders.DeadLetter.Time] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

        // One dead letter per route and stored message, however often the bridge is asked: the id names both. Two
        // routes on one stream may each give up on the same message; each keeps its own copy and reason.
        var id = $"dl-{route.Name}-{metadata.Stream}-{metadata.Sequence.Stream}";
        var ack = await js.PublishAsync(route.DeadLetterSubject, message.Data ?? [], opts: new NatsJSPubOpts { MsgId = id }, headers: headers, cancellationToken: cancellationToken);

        // A duplicate means the copy is already stored (an earlier attempt got that far before the ack was lost).
        if (ack.Error is { } error)
        {
            throw new NatsJSApiException(error);
        }
    }
}
