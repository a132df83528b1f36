using NATS.Client.JetStream.Models;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>Compares the settings the topology defines with what a server holds.</summary>
internal static class TopologyDiff
{
    /// <summary>Settings that the server cannot change on an existing stream.</summary>
    public static List<string> StreamConflicts(StreamConfig current, StreamConfig desired)
    {
        var conflicts = new List<string>();
        Compare(conflicts, "storage", current.Storage, desired.Storage);
        Compare(conflicts, "retention", current.Retention, desired.Retention);
        return conflicts;
    }

    /// <summary>Settings that differ and can be updated in place.</summary>
    public static List<string> StreamDifferences(StreamConfig current, StreamConfig desired)
    {
        var diffs = new List<string>();
        var currentSubjects = string.Join(',', (current.Subjects ?? []).Order(StringComparer.Ordinal));
        var desiredSubjects = string.Join(',', (desired.Subjects ?? []).Order(StringComparer.Ordinal));
        Compare(diffs, "subjects", currentSubjects, desiredSubjects);
        Compare(diffs, "discard", current.Discard, desired.Discard);
        Compare(diffs, "max_bytes", current.MaxBytes, desired.MaxBytes);
        Compare(diffs, "max_msgs", current.MaxMsgs, desired.MaxMsgs);
        Compare(diffs, "max_msgs_per_subject", current.MaxMsgsPerSubject, desired.MaxMsgsPerSubject);
        Compare(diffs, "max_age", current.MaxAge, desired.MaxAge);
        Compare(diffs, "max_msg_size", current.MaxMsgSize, desired.MaxMsgSize);
        Compare(diffs, "duplicate_window", current.DuplicateWindow, desired.DuplicateWindow);
        Compare(diffs, "num_replicas", Math.Max(1, current.NumReplicas), Math.Max(1, desired.NumReplicas));
        Compare(diffs, "allow_direct", current.AllowDirect, desired.AllowDirect);
        Compare(diffs, "description", current.Description ?? string.Empty, desired.Description ?? string.Empty);
        return diffs;
    }

    /// <summary>Settings that the server cannot change on an existing consumer.</summary>
    public static List<string> ConsumerConflicts(ConsumerConfig current, ConsumerConfig desired)
    {
        var conflicts = new List<string>();
        Compare(conflicts, "ack_policy", current.AckPolicy, desired.AckPolicy);
        Compare(conflicts, "deliver_policy", current.DeliverPolicy, desired.DeliverPolicy);
        Compare(conflicts, "deliver_subject (push consumer)", current.DeliverSubject ?? string.Empty, desired.DeliverSubject ?? string.Empty);
        return conflicts;
    }

    /// <summary>Consumer settings that differ and can be updated in place.</summary>
    public static List<string> ConsumerDifferences(ConsumerConfig current, ConsumerConfig desired)
    {
        var diffs = new List<string>();
        Compare(diffs, "filter_subject", current.FilterSubject ?? string.Empty, desired.FilterSubject ?? string.Empty);
        Compare(diffs, "ack_wait", current.AckWait, desired.AckWait);
        Compare(diffs, "max_deliver", current.MaxDeliver, desired.MaxDeliver);
        Compare(diffs, "max_ack_pending", current.MaxAckPending, desired.MaxAckPending);
        return diffs;
    }

    public static void Compare<T>(List<string> into, string name, T current, T desired)
    {
        if (!EqualityComparer<T>.Default.Equals(current, desired))
        {
            into.Add($"{name}: {current} -> {desired}");
        }
    }
}
