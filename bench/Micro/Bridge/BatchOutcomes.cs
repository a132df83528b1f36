using FunctionsOrders.Contracts.Bridge.V1;

namespace FunctionsOrders.Micro.Bridge;

/// <summary>What a function answers for a batch it processed without trouble.</summary>
internal static class BatchOutcomes
{
    /// <summary>One ACK per message, by stream sequence.</summary>
    public static DispatchResponse AckAll(DispatchBatch batch)
    {
        var response = new DispatchResponse();
        foreach (var message in batch.Messages)
        {
            response.Outcomes.Add(new MessageOutcome { StreamSequence = message.StreamSequence, Outcome = Outcome.Ack });
        }

        return response;
    }

    public static Task<DispatchResponse> AckAllAsync(DispatchBatch batch, CancellationToken cancellationToken) => Task.FromResult(AckAll(batch));
}
