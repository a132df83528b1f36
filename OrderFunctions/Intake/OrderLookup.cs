using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>
/// Reads an accepted order's <c>OrderCreated</c> straight from the ORDERS stream (last message on its subject), so
/// that what was acknowledged is always found: on a replicated stream from its leader, which acknowledges a publish
/// only once it applied it. A direct get may be answered by a follower that has not applied it yet (nats-server
/// before 2.12 gives no read-after-write there); on a single replica it is the cheaper read and just as current.
/// </summary>
internal sealed class OrderLookup(INatsJSContext js, JetStreamTopology topology)
{
    private const int NoMessage = 404;
    private INatsJSStream? _stream;

    public async Task<OrderCreated?> FindCreatedAsync(string orderId, CancellationToken cancellationToken)
    {
        _stream ??= await js.GetStreamAsync(topology.OrdersStream, cancellationToken: cancellationToken);
        var request = new StreamMsgGetRequest { LastBySubj = topology.Subjects.OrderCreated(orderId) };
        try
        {
            if (topology.Replicas > 1)
            {
                var stored = await _stream.GetAsync(request, cancellationToken);
                return OrderCreated.Parser.ParseFrom(stored.Message.Data.Span);
            }

            var message = await _stream.GetDirectAsync(request, ProtobufSerializer<OrderCreated>.Default, cancellationToken);
            return message.Headers?.Code == NoMessage ? null : message.Data;
        }
        catch (NatsJSApiException e) when (e.Error.Code == NoMessage)
        {
            return null;
        }
    }
}
