using FunctionsOrders.NatsBridge.Metrics;
using FunctionsOrders.NatsBridge.Routing;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>Carries out a settlement on the server: ack, NAK with delay, or dead letter then terminate.</summary>
internal sealed class BatchSettler(DeadLetterPublisher deadLetters, BridgeMetrics metrics, ILogger<BatchSettler> logger)
{
    public async Task SettleAsync(BridgeRoute route, INatsJSMsg<byte[]> message, SettleAction action)
    {
        // Settlements are sent even while the host stops: dropping one would only cause a redelivery.
        switch (action.Kind)
        {
            case SettleKind.Ack:
                await message.AckAsync(cancellationToken: CancellationToken.None);
                metrics.Acked(route.Name);
                break;
            case SettleKind.Nak:
                await message.NakAsync(new AckOpts { NakDelay = action.Delay }, CancellationToken.None);
                metrics.Naked(route.Name, action.Reason);
                break;
            case SettleKind.DeadLetter:
                await DeadLetterAsync(route, message, action.Reason);
                break;
            default:
                throw new InvalidOperationException($"A {action.Kind} settlement is not sent to the server.");
        }
    }

    public Task NakNowAsync(BridgeRoute route, IEnumerable<INatsJSMsg<byte[]>> messages, string reason) =>
        NakAllAsync(route, messages, TimeSpan.Zero, reason);

    /// <summary>Hands messages back with one delay; a NAK that fails is logged, the message then comes back after the ack wait.</summary>
    public Task NakAllAsync(BridgeRoute route, IEnumerable<INatsJSMsg<byte[]>> messages, TimeSpan delay, string reason) =>
        Task.WhenAll(messages.Select(async m =>
        {
            try
            {
                await SettleAsync(route, m, SettleAction.Nak(delay, reason));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                metrics.SettleFailed(route.Name, "nak");
                Log.SettleFailed(logger, route.Name, nameof(SettleKind.Nak), m.Metadata?.Sequence.Stream ?? 0, ex);
            }
        }));

    private async Task DeadLetterAsync(BridgeRoute route, INatsJSMsg<byte[]> message, string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await deadLetters.PublishAsync(route, message, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never terminate a message whose copy was not stored: let it come back instead.
            Log.DeadLetterFailed(logger, route.Name, message.Subject, reason, ex);
            await message.NakAsync(new AckOpts { NakDelay = route.Options.BackoffFor(message.Metadata?.NumDelivered ?? 1) }, CancellationToken.None);
            metrics.Naked(route.Name, "deadletter_failed");
            return;
        }

        await message.AckTerminateAsync(cancellationToken: CancellationToken.None);
        metrics.DeadLettered(route.Name, reason);
        Log.DeadLettered(logger, route.Name, message.Subject, message.Metadata?.Sequence.Stream ?? 0, reason);
    }
}
