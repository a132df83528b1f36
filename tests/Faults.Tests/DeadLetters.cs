using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Topology;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.Faults.Tests;

/// <summary>One dead-lettered copy, by the headers the bridge adds.</summary>
internal sealed record DeadLetter(string Route, string Reason, string OriginalSubject);

/// <summary>Reads every message of the dead-letter stream.</summary>
internal static class DeadLetters
{
    public static async Task<IReadOnlyList<DeadLetter>> ReadAsync(INatsJSContext js, JetStreamTopology topology, CancellationToken cancellationToken)
    {
        var stream = await js.GetStreamAsync(topology.DeadLetterStream, cancellationToken: cancellationToken);
        var letters = new List<DeadLetter>();
        for (var sequence = stream.Info.State.FirstSeq; sequence <= stream.Info.State.LastSeq && stream.Info.State.Messages > 0; sequence++)
        {
            var message = await stream.GetDirectAsync<byte[]>(new StreamMsgGetRequest { Seq = sequence }, cancellationToken: cancellationToken);
            var headers = message.Headers;
            if (headers is null)
            {
                continue;
            }

            string Header(string name) => headers.TryGetValue(name, out var value) ? value.ToString() : string.Empty;
            letters.Add(new DeadLetter(Header(MessageHeaders.DeadLetter.Route), Header(MessageHeaders.DeadLetter.Reason), Header(MessageHeaders.DeadLetter.OriginalSubject)));
        }

        return letters;
    }
}
