using FunctionsOrders.Contracts.Bridge.V1;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>Handles a dispatch batch of <c>OrderCreated</c> messages, at most <see cref="PaymentOptions.MaxConcurrency"/> at a time.</summary>
internal sealed class PaymentBatchHandler(ProcessPaymentHandler handler, IOptions<PaymentOptions> options)
{
    public async Task<DispatchResponse> HandleAsync(DispatchBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outcomes = new MessageOutcome[batch.Messages.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, outcomes.Length), parallel, async (i, token) =>
            outcomes[i] = await handler.HandleAsync(batch, batch.Messages[i], token));
        return new DispatchResponse { Outcomes = { outcomes } };
    }
}
