using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.OrderFunctions.Telemetry;

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
            async (i, token) =>
            {
                using var activity = IntakeTelemetry.StartProjection(batch, batch.Messages[i]);
                outcomes[i] = await projector.ApplyAsync(batch.Messages[i], token);
                if (activity is not null)
                {
                    activity.SetTag("messaging.nats.outcome", outcomes[i].Outcome.ToString());
                    if (outcomes[i].Outcome != Outcome.Ack)
                    {
                        activity.SetStatus(ActivityStatusCode.Error, outcomes[i].Reason);
                    }
                }
            });
        var response = new DispatchResponse();
        response.Outcomes.Add(outcomes);
        return response;
    }
}
