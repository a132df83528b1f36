using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.SystemHarness;
using NATS.Client.Core;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>A core subscription to PaymentProcessed subjects, collecting what arrives.</summary>
internal sealed class LiveSubscription : IAsyncDisposable
{
    private readonly INatsSub<PaymentProcessed> _subscription;
    private readonly List<PaymentProcessed> _received = [];
    private readonly Task _reader;

    public LiveSubscription(INatsSub<PaymentProcessed> subscription)
    {
        _subscription = subscription;
        _reader = Task.Run(async () =>
        {
            await foreach (var message in subscription.Msgs.ReadAllAsync())
            {
                lock (_received)
                {
                    _received.Add(message.Data!);
                }
            }
        });
    }

    public IReadOnlyList<PaymentProcessed> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public Task WaitForAsync(int count, CancellationToken cancellationToken) =>
        Poll.UntilAsync(() => Received.Count >= count, TimeSpan.FromSeconds(10), $"{count} PaymentProcessed messages", cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _subscription.UnsubscribeAsync();
        await _subscription.DisposeAsync();
        await _reader;
    }
}
