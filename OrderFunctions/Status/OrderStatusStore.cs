using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsOrders.Contracts.Topology;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>The order-status read model in the JetStream key-value bucket, written with compare-and-set.</summary>
internal sealed class OrderStatusStore(INatsKVContext kv, JetStreamTopology topology)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private INatsKVStore? _store;

    /// <summary>The record and its revision, or (null, 0) when the order has none.</summary>
    public async Task<(OrderStatusRecord? Record, ulong Revision)> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var store = await StoreAsync(cancellationToken);
        try
        {
            var entry = await store.GetEntryAsync<byte[]>(orderId, cancellationToken: cancellationToken);
            return entry.Value is { Length: > 0 } value ? (JsonSerializer.Deserialize<OrderStatusRecord>(value, Json), entry.Revision) : (null, 0);
        }
        catch (NatsKVKeyNotFoundException)
        {
            return (null, 0);
        }
        catch (NatsKVKeyDeletedException)
        {
            return (null, 0);
        }
    }

    /// <summary>Writes <paramref name="record"/> if the key still has <paramref name="revision"/> (0: if it has no value). False on a conflict.</summary>
    public async Task<bool> TryWriteAsync(OrderStatusRecord record, ulong revision, CancellationToken cancellationToken)
    {
        var store = await StoreAsync(cancellationToken);
        var value = JsonSerializer.SerializeToUtf8Bytes(record, Json);
        try
        {
            if (revision == 0)
            {
                await store.CreateAsync(record.OrderId, value, cancellationToken: cancellationToken);
            }
            else
            {
                await store.UpdateAsync(record.OrderId, value, revision, cancellationToken: cancellationToken);
            }

            return true;
        }
        catch (NatsKVCreateException)
        {
            return false;
        }
        catch (NatsKVWrongLastRevisionException)
        {
            return false;
        }
    }

    private async ValueTask<INatsKVStore> StoreAsync(CancellationToken cancellationToken) =>
        _store ??= await kv.GetStoreAsync(topology.OrderStatusBucket, cancellationToken);
}
