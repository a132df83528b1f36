using System.Globalization;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Topology;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.NatsBridge.Replay;

/// <summary>
/// Moves a route's dead letters back: republishes each to its original subject, with the original headers and a
/// fresh <c>Nats-Msg-Id</c> (the original id plus <c>-replay-&lt;dead-letter sequence&gt;</c>), then deletes it.
/// </summary>
internal sealed class DeadLetterReplayer(INatsJSContext js, JetStreamTopology topology, TextWriter output)
{
    public async Task<int> ReplayAsync(ReplayOptions options, CancellationToken cancellationToken)
    {
        var subject = topology.Subjects.DeadLetter(options.Route);
        var stream = topology.DeadLetterStream;
        var consumer = await js.CreateOrderedConsumerAsync(stream, new NatsJSOrderedConsumerOpts { FilterSubjects = [subject] }, cancellationToken);
        var replayed = 0;
        while (replayed < options.Limit)
        {
            var got = 0;
            await foreach (var letter in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = Math.Min(256, options.Limit - replayed) }, cancellationToken: cancellationToken))
            {
                got++;
                await ReplayOneAsync(stream, letter, cancellationToken);
                replayed++;
                if (replayed % 100 == 0)
                {
                    await output.WriteLineAsync($"replayed {replayed} dead letter(s) of route {options.Route}...");
                }
            }

            if (got == 0)
            {
                break;
            }
        }

        await output.WriteLineAsync($"replayed {replayed} dead letter(s) of route {options.Route} from {stream}");
        return replayed;
    }

    private async Task ReplayOneAsync(string stream, INatsJSMsg<byte[]> letter, CancellationToken cancellationToken)
    {
        var original = letter.Headers ?? throw new InvalidOperationException($"Dead letter {letter.Subject} has no headers.");
        var target = original[MessageHeaders.DeadLetter.OriginalSubject].ToString();
        var sequence = letter.Metadata!.Value.Sequence.Stream;
        var headers = new NatsHeaders();
        foreach (var (name, values) in original)
        {
            if (!MessageHeaders.IsNotCopied(name))
            {
                headers[name] = values;
            }
        }

        var originalId = original.TryGetValue(MessageHeaders.DeadLetter.OriginalMessageId, out var id) ? id.ToString() : "dl";
        var replayId = originalId + "-replay-" + sequence.ToString(CultureInfo.InvariantCulture);
        var ack = await js.PublishAsync(target, letter.Data ?? [], opts: new NatsJSPubOpts { MsgId = replayId }, headers: headers, cancellationToken: cancellationToken);
        ack.EnsureSuccess();
        await js.DeleteMessageAsync(stream, new StreamMsgDeleteRequest { Seq = sequence }, cancellationToken);
    }
}
