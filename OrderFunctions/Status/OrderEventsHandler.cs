using System.Diagnostics;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.OrderFunctions.Telemetry;

namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>Projects a dispatched batch; messages of different orders run concurrently, up to a bound.</summary>
internal sealed class OrderEventsHandler(OrderStatusProjector projector)
{
    private const int MaxConcurrency = 32;

    public async Task<DispatchResponse> HandleAsync(DispatchBatch batch, CancellationToken cancellationToken)
    {
        var outcomes = new MessageOutcome[batch.Messages.Count];
        await BatchLanes.ForEachAsync(
            batch.Messages.Count,
            MaxConcurrency,
            async i =>
            {
                using var activity = IntakeTelemetry.StartProjection(batch, batch.Messages[i]);
                outcomes[i] = await projector.ApplyAsync(batch.Messages[i], cancellationToken);
                if (activity is not null)
                {
                    activity.SetTag("messaging.nats.outcome", outcomes[i].Outcome.ToString());
                    if (outcomes[i].Outcome != Outcome.Ack)
                    {
                        activity.SetStatus(ActivityStatusCode.Error, outcomes[i].Reason);
                    }
                }
            },
            cancellationToken);
        var response = new DispatchResponse();
        response.Outcomes.Add(outcomes);
        return response;
    }
}
