using FunctionsOrders.Contracts.Bridge.V1;

namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>Projects a dispatched batch; messages of different orders run concurrently, up to a bound.</summary>
internal sealed class OrderEventsHandler(OrderStatusProjector projector)
{
    private const int MaxConcurrency = 32;

    public async Task<DispatchResponse> HandleAsync(DispatchBatch batch, CancellationToken cancellationToken)
    {
        var outcomes = new MessageOutcome[batch.Messages.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batch.Messages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) => outcomes[i] = await projector.ApplyAsync(batch.Messages[i], token));
        var response = new DispatchResponse();
        response.Outcomes.Add(outcomes);
        return response;
    }
}
