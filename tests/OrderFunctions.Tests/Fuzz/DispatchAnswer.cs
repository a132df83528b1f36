using System.Net;
using FunctionsOrders.Contracts.Bridge.V1;
using Google.Protobuf;

namespace FunctionsOrders.OrderFunctions.Tests.Fuzz;

/// <summary>What a dispatch endpoint must answer to a poison body: a 4xx problem, or one REJECT per message, in order.</summary>
internal static class DispatchAnswer
{
    /// <summary>Null when <paramref name="response"/> is right for <paramref name="input"/>; else what is wrong.</summary>
    public static async Task<string?> CheckAsync(HttpResponseMessage response, BadInput input, CancellationToken cancellationToken)
    {
        if (input.Expected != HttpStatusCode.OK)
        {
            return await ProblemAnswer.CheckAsync(response, input.Expected, cancellationToken);
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"answered {(int)response.StatusCode}, expected 200 with a REJECT per message";
        }

        var sent = DispatchBatch.Parser.ParseFrom(input.Body).Messages;
        IList<MessageOutcome> outcomes;
        try
        {
            outcomes = DispatchResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(cancellationToken)).Outcomes;
        }
        catch (InvalidProtocolBufferException ex)
        {
            return $"the answer is not a DispatchResponse ({ex.Message})";
        }

        if (outcomes.Count != sent.Count)
        {
            return $"{outcomes.Count} outcomes for {sent.Count} messages";
        }

        var wrong = outcomes.Select((o, i) => (Outcome: o, Sent: sent[i]))
            .Where(p => p.Outcome.StreamSequence != p.Sent.StreamSequence || p.Outcome.Outcome != Outcome.Reject || string.IsNullOrEmpty(p.Outcome.Reason))
            .Select(p => $"message {p.Sent.StreamSequence}: {p.Outcome.Outcome} '{p.Outcome.Reason}' (sequence {p.Outcome.StreamSequence})")
            .ToList();
        return wrong.Count == 0 ? null : "not rejected: " + string.Join("; ", wrong);
    }
}
