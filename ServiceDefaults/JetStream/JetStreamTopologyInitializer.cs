using System.Diagnostics;
using FunctionsOrders.Contracts.Topology;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>
/// Compares the server with the topology, or brings the server to it. <see cref="VerifyAsync"/> only reads: what the
/// hosts run at start. <see cref="EnsureAsync"/> creates what is missing, updates what differs in a setting that can be
/// changed in place, leaves alone what matches, and throws <see cref="TopologyConflictException"/> for anything that
/// can only be fixed by deleting data: what <c>NatsBridge topology apply</c> runs, with the topology user.
/// </summary>
public sealed class JetStreamTopologyInitializer(
    INatsJSContext js,
    INatsKVContext kv,
    JetStreamTopology topology,
    ILogger<JetStreamTopologyInitializer> logger)
{
    private const int NotFound = 404;
    private const int Unavailable = 503;
    private const int TemporarilyUnavailable = 10008;
    private const int SubjectsOverlap = 10065;

    /// <summary>
    /// How long one item (a stream, the bucket, a consumer) is tried again while JetStream cannot answer: a cluster
    /// electing its meta leader, or one too slow under load to answer within the request timeout.
    /// </summary>
    internal static readonly TimeSpan UnavailableBudget = TimeSpan.FromSeconds(60);

    /// <summary>Ensures the streams, the order-status bucket and the given consumers (default: the system's two).</summary>
    public async Task<IReadOnlyList<TopologyChange>> EnsureAsync(
        IEnumerable<ConsumerDefinition>? consumers = null, CancellationToken cancellationToken = default)
    {
        var changes = new List<TopologyChange>();
        foreach (var stream in topology.Streams())
        {
            changes.Add(await WhileUnavailableAsync("stream", stream.Name!, () => EnsureStreamAsync(stream, cancellationToken), cancellationToken).ConfigureAwait(false));
        }

        var bucket = topology.OrderStatusBucketConfig();
        changes.Add(await WhileUnavailableAsync("bucket", bucket.Bucket, () => EnsureBucketAsync(bucket, cancellationToken), cancellationToken).ConfigureAwait(false));
        LogEnsured(changes);
        changes.AddRange(await EnsureConsumersAsync(consumers ?? topology.DefaultConsumers(), cancellationToken).ConfigureAwait(false));
        return changes;
    }

    /// <summary>Ensures the given durable consumers only: what the bridge does at start for its own routes.</summary>
    public async Task<IReadOnlyList<TopologyChange>> EnsureConsumersAsync(
        IEnumerable<ConsumerDefinition> consumers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        var changes = new List<TopologyChange>();
        foreach (var consumer in consumers)
        {
            changes.Add(await WhileUnavailableAsync("consumer", consumer.Stream + "/" + consumer.Name, () => EnsureConsumerAsync(consumer, cancellationToken), cancellationToken).ConfigureAwait(false));
        }

        LogEnsured(changes);
        return changes;
    }

    /// <summary>
    /// Reports, without changing anything, how the server differs from the topology: every stream and the bucket, or
    /// only those named in <paramref name="items"/> (logical names of <see cref="TopologyNames"/>), and the given
    /// consumers (default: the system's two). Each item missing or different is logged as an error naming it and
    /// the settings that differ.
    /// </summary>
    public async Task<IReadOnlyList<TopologyChange>> VerifyAsync(
        IEnumerable<string>? items = null, IEnumerable<ConsumerDefinition>? consumers = null, CancellationToken cancellationToken = default)
    {
        var wanted = items?.ToHashSet(StringComparer.Ordinal);
        var report = new List<TopologyChange>();
        foreach (var logical in (string[])[TopologyNames.OrdersStream, TopologyNames.PaymentsStream, TopologyNames.DeadLetterStream])
        {
            if (wanted is null || wanted.Contains(logical))
            {
                var desired = topology.Streams().Single(s => s.Name == topology.StreamName(logical));
                report.Add(await WhileUnavailableAsync("stream", desired.Name!, () => VerifyStreamAsync(desired, cancellationToken), cancellationToken).ConfigureAwait(false));
            }
        }

        if (wanted is null || wanted.Contains(TopologyNames.OrderStatusBucket))
        {
            var desired = topology.OrderStatusBucketConfig();
            var current = await WhileUnavailableAsync("bucket", desired.Bucket, () => TryGetStreamConfigAsync("KV_" + desired.Bucket, cancellationToken), cancellationToken).ConfigureAwait(false);
            report.Add(Verified("bucket", desired.Bucket, current is null ? null : BucketDifferences(current, desired)));
        }

        foreach (var consumer in consumers ?? topology.DefaultConsumers())
        {
            var current = await WhileUnavailableAsync("consumer", consumer.Stream + "/" + consumer.Name, () => TryGetConsumerConfigAsync(consumer, cancellationToken), cancellationToken).ConfigureAwait(false);
            var desired = consumer.ToConsumerConfig();
            report.Add(Verified("consumer", consumer.Stream + "/" + consumer.Name, current is null
                ? null
                : [.. TopologyDiff.ConsumerConflicts(current, desired), .. TopologyDiff.ConsumerDifferences(current, desired)]));
        }

        foreach (var item in report)
        {
            if (item.Action == TopologyAction.Unchanged)
            {
                Log.TopologyVerified(logger, item.Kind, item.Name);
            }
            else
            {
                Log.TopologyDrift(logger, item.Kind, item.Name, item.Action, string.Join("; ", item.Differences));
            }
        }

        return report;
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

        var diffs = BucketDifferences(current, desired);
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
        var current = await TryGetConsumerConfigAsync(definition, cancellationToken).ConfigureAwait(false);
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

    private void LogEnsured(IEnumerable<TopologyChange> changes)
    {
        foreach (var change in changes)
        {
            Log.TopologyEnsured(logger, change.Kind, change.Name, change.Action, string.Join("; ", change.Differences));
        }
    }

    private async Task<TopologyChange> VerifyStreamAsync(StreamConfig desired, CancellationToken cancellationToken)
    {
        var current = await TryGetStreamConfigAsync(desired.Name!, cancellationToken).ConfigureAwait(false);
        return Verified("stream", desired.Name!, current is null
            ? null
            : [.. TopologyDiff.StreamConflicts(current, desired), .. TopologyDiff.StreamDifferences(current, desired)]);
    }

    private static TopologyChange Verified(string kind, string name, List<string>? differences) => differences switch
    {
        null => new TopologyChange(kind, name, TopologyAction.Missing, []),
        [] => new TopologyChange(kind, name, TopologyAction.Unchanged, []),
        _ => new TopologyChange(kind, name, TopologyAction.Differs, differences),
    };

    private static List<string> BucketDifferences(StreamConfig current, NatsKVConfig desired)
    {
        var diffs = new List<string>();
        TopologyDiff.Compare(diffs, "history", current.MaxMsgsPerSubject, desired.History);
        TopologyDiff.Compare(diffs, "num_replicas", Math.Max(1, current.NumReplicas), Math.Max(1, desired.NumberOfReplicas));
        TopologyDiff.Compare(diffs, "max_value_size", current.MaxMsgSize, desired.MaxValueSize);
        return diffs;
    }

    private async Task<ConsumerConfig?> TryGetConsumerConfigAsync(ConsumerDefinition definition, CancellationToken cancellationToken)
    {
        try
        {
            var consumer = await js.GetConsumerAsync(definition.Stream, definition.Name, cancellationToken).ConfigureAwait(false);
            return consumer.Info.Config;
        }
        catch (NatsJSApiException e) when (e.Error.Code == NotFound)
        {
            return null;
        }
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

    /// <summary>
    /// Runs one item's step, and runs it again while JetStream gives no answer or answers that it is temporarily
    /// unavailable, for up to <see cref="UnavailableBudget"/>. A step reads before it writes, so one whose answer was
    /// lost finds its own work done when it runs again (and reports it unchanged). A request the server refused for
    /// want of permission also goes unanswered: that ends the step at once with the server's reason. Any other failure,
    /// and the last one past the budget, is thrown.
    /// </summary>
    private async Task<T> WhileUnavailableAsync<T>(string kind, string name, Func<Task<T>> step, CancellationToken cancellationToken)
    {
        string? refusal = null;
        ValueTask OnServerError(object? sender, NatsServerErrorEventArgs e)
        {
            if (e.Error.Contains("Permissions Violation", StringComparison.OrdinalIgnoreCase) && e.Error.Contains("$JS.API", StringComparison.Ordinal))
            {
                Volatile.Write(ref refusal, e.Error);
            }

            return ValueTask.CompletedTask;
        }

        var connection = js.Connection;
        connection.ServerError += OnServerError;
        try
        {
            var clock = Stopwatch.StartNew();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await step().ConfigureAwait(false);
                }
                catch (Exception ex) when (IsUnavailable(ex))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Volatile.Read(ref refusal) is { } violation)
                    {
                        throw new TopologyRefusedException(
                            $"JetStream refused the request for {kind} {name}: {violation}. Apply the topology as a user the server " +
                            "allows the JetStream API ($JS.API.>), such as the topology user.", ex);
                    }

                    if (clock.Elapsed >= UnavailableBudget)
                    {
                        throw;
                    }

                    var delay = TimeSpan.FromMilliseconds(Math.Min(4000, 250 * Math.Pow(2, Math.Min(attempt, 4))));
                    Log.TopologyUnavailable(logger, Describe(ex), kind, name, delay.TotalMilliseconds);
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            connection.ServerError -= OnServerError;
        }
    }

    /// <summary>
    /// True when JetStream could not answer now: no answer in time, or "JetStream system temporarily unavailable" (a
    /// cluster without a meta leader). Not a refusal, nor a 503 that stays (JetStream not enabled).
    /// </summary>
    internal static bool IsUnavailable(Exception exception) => exception switch
    {
        NatsJSApiNoResponseException or NatsNoReplyException or TimeoutException => true,
        NatsJSApiException api => api.Error.Code == Unavailable && api.Error.ErrCode == TemporarilyUnavailable,
        _ => false,
    };

    private static string Describe(Exception exception) => exception is NatsJSApiException api
        ? $"{api.Error.Code} {api.Error.Description}"
        : exception.Message;

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
