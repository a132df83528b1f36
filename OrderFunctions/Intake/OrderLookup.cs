using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>Reads an accepted order's <c>OrderCreated</c> straight from the ORDERS stream (last message on its subject).</summary>
internal sealed class OrderLookup(INatsJSContext js, JetStreamTopology topology)
{
    private const int NoMessage = 404;
    private INatsJSStream? _stream;

    public async Task<OrderCreated?> FindCreatedAsync(string orderId, CancellationToken cancellationToken)
    {
        _stream ??= await js.GetStreamAsync(topology.OrdersStream, cancellationToken: cancellationToken);
        try
        {
            var message = await _stream.GetDirectAsync(
                new StreamMsgGetRequest { LastBySubj = topology.Subjects.OrderCreated(orderId) },
                ProtobufSerializer<OrderCreated>.Default,
                cancellationToken);
            return message.Headers?.Code == NoMessage ? null : message.Data;
        }
        catch (NatsJSApiException e) when (e.Error.Code == NoMessage)
        {
            return null;
        }
    }
}
