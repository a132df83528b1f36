using FunctionsOrders.Contracts.Topology;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>
/// Brings the server to the topology: creates what is missing, updates what differs in a setting that can be
/// changed in place, leaves alone what matches, and throws <see cref="TopologyConflictException"/> for anything
/// that can only be fixed by deleting data. Safe to run from every host at every start.
/// </summary>
public sealed class JetStreamTopologyInitializer(
    INatsJSContext js,
    INatsKVContext kv,
    JetStreamTopology topology,
    ILogger<JetStreamTopologyInitializer> logger)
{
    private const int NotFound = 404;
    private const int SubjectsOverlap = 10065;

    /// <summary>Ensures the streams, the order-status bucket and the given consumers (default: the system's two).</summary>
    public async Task<IReadOnlyList<TopologyChange>> EnsureAsync(
        IEnumerable<ConsumerDefinition>? consumers = null, CancellationToken cancellationToken = default)
    {
        var changes = new List<TopologyChange>();
        foreach (var stream in topology.Streams())
        {
            changes.Add(await EnsureStreamAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        changes.Add(await EnsureBucketAsync(topology.OrderStatusBucketConfig(), cancellationToken).ConfigureAwait(false));
        foreach (var consumer in consumers ?? topology.DefaultConsumers())
        {
            changes.Add(await EnsureConsumerAsync(consumer, cancellationToken).ConfigureAwait(false));
        }

        foreach (var change in changes)
        {
            Log.TopologyEnsured(logger, change.Kind, change.Name, change.Action, string.Join("; ", change.Differences));
        }

        return changes;
    }

    /// <summary>Ensures one stream.</summary>
    public async Task<TopologyChange> EnsureStreamAsync(StreamConfig desired, CancellationToken cancellationToken = default)
    {
        var name = desired.Name!;
        var current = await TryGetStreamConfigAsync(name, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            await GuardOverlap(name, () => js.CreateStreamAsync(desired, cancellationToken)).ConfigureAwait(false);
            return new TopologyChange("stream", name, TopologyAction.Created, []);
        }

        var conflicts = TopologyDiff.StreamConflicts(current, desired);
        if (conflicts.Count > 0)
        {
            throw new TopologyConflictException(
                $"Stream {name} exists with settings that cannot be changed in place ({string.Join("; ", conflicts)}). " +
                "Migrate its messages to a new stream, or delete it if they are disposable.");
        }

        var diffs = TopologyDiff.StreamDifferences(current, desired);
        if (diffs.Count == 0)
        {
            return new TopologyChange("stream", name, TopologyAction.Unchanged, []);
        }

        await GuardOverlap(name, () => js.UpdateStreamAsync(desired, cancellationToken)).ConfigureAwait(false);
        return new TopologyChange("stream", name, TopologyAction.Updated, diffs);
    }

    /// <summary>Ensures one key-value bucket.</summary>
    public async Task<TopologyChange> EnsureBucketAsync(NatsKVConfig desired, CancellationToken cancellationToken = default)
    {
        var streamName = "KV_" + desired.Bucket;
        var current = await TryGetStreamConfigAsync(streamName, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            await kv.CreateStoreAsync(desired, cancellationToken).ConfigureAwait(false);
            return new TopologyChange("bucket", desired.Bucket, TopologyAction.Created, []);
        }

        var diffs = new List<string>();
        TopologyDiff.Compare(diffs, "history", current.MaxMsgsPerSubject, desired.History);
        TopologyDiff.Compare(diffs, "num_replicas", Math.Max(1, current.NumReplicas), Math.Max(1, desired.NumberOfReplicas));
        TopologyDiff.Compare(diffs, "max_value_size", current.MaxMsgSize, desired.MaxValueSize);
        if (current.Storage != StreamConfigStorage.File)
        {
            throw new TopologyConflictException($"Bucket {desired.Bucket} exists with {current.Storage} storage; it must be file storage.");
        }

        if (diffs.Count == 0)
        {
            return new TopologyChange("bucket", desired.Bucket, TopologyAction.Unchanged, []);
        }

        await kv.UpdateStoreAsync(desired, cancellationToken).ConfigureAwait(false);
        return new TopologyChange("bucket", desired.Bucket, TopologyAction.Updated, diffs);
    }

    /// <summary>Ensures one durable consumer.</summary>
    public async Task<TopologyChange> EnsureConsumerAsync(ConsumerDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = definition.Stream + "/" + definition.Name;
        var desired = definition.ToConsumerConfig();
        ConsumerConfig? current;
        try
        {
            var consumer = await js.GetConsumerAsync(definition.Stream, definition.Name, cancellationToken).ConfigureAwait(false);
            current = consumer.Info.Config;
        }
        catch (NatsJSApiException e) when (e.Error.Code == NotFound)
        {
            current = null;
        }

        if (current is null)
        {
            await js.CreateOrUpdateConsumerAsync(definition.Stream, desired, cancellationToken).ConfigureAwait(false);
            return new TopologyChange("consumer", name, TopologyAction.Created, []);
        }

        var conflicts = TopologyDiff.ConsumerConflicts(current, desired);
        if (conflicts.Count > 0)
        {
            throw new TopologyConflictException(
                $"Consumer {name} exists with settings that cannot be changed in place ({string.Join("; ", conflicts)}). Delete it to recreate it.");
        }

        var diffs = TopologyDiff.ConsumerDifferences(current, desired);
        if (diffs.Count == 0)
        {
            return new TopologyChange("consumer", name, TopologyAction.Unchanged, []);
        }

        await js.UpdateConsumerAsync(definition.Stream, desired, cancellationToken).ConfigureAwait(false);
        return new TopologyChange("consumer", name, TopologyAction.Updated, diffs);
    }

    private async Task<StreamConfig?> TryGetStreamConfigAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await js.GetStreamAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return stream.Info.Config;
        }
        catch (NatsJSApiException e) when (e.Error.Code == NotFound)
        {
            return null;
        }
    }

    private static async Task GuardOverlap<T>(string name, Func<ValueTask<T>> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (NatsJSApiException e) when (e.Error.ErrCode == SubjectsOverlap)
        {
            throw new TopologyConflictException(
                $"Stream {name} cannot take its subjects: another stream already holds overlapping subjects ({e.Error.Description}).", e);
        }
    }
}
