using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>Reads what was published: the stored PAYMENTS stream, and live PaymentProcessed messages (duplicates included).</summary>
internal static class PaymentsStream
{
    public static async Task<IReadOnlyList<StoredPayment>> ReadAllAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var topology = services.GetRequiredService<JetStreamTopology>();
        var stream = await services.GetRequiredService<INatsJSContext>().GetStreamAsync(topology.PaymentsStream, cancellationToken: cancellationToken);
        var state = stream.Info.State;
        var stored = new List<StoredPayment>();
        for (var seq = state.FirstSeq; state.Messages > 0 && seq <= state.LastSeq; seq++)
        {
            var message = await stream.GetDirectAsync(new() { Seq = seq }, ProtobufSerializer<PaymentProcessed>.Default, cancellationToken);
            stored.Add(new StoredPayment(
                message.Headers!["Nats-Subject"].ToString(),
                message.Headers![MessageHeaders.MessageId].ToString(),
                message.Data!));
        }

        return stored;
    }

    /// <summary>Collects every PaymentProcessed published while it is open, even those the stream de-duplicates.</summary>
    public static async Task<LiveSubscription> SubscribeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var topology = services.GetRequiredService<JetStreamTopology>();
        var connection = services.GetRequiredService<INatsConnection>();
        var subscription = await connection.SubscribeCoreAsync(topology.Subjects.PaymentProcessedAll,
            serializer: ProtobufSerializer<PaymentProcessed>.Default, cancellationToken: cancellationToken);
        await connection.PingAsync(cancellationToken);
        return new LiveSubscription(subscription);
    }
}
