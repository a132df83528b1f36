using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>
/// The keys (the last token of each message's subject: the order id for this system's subjects) of the messages
/// that are at a function now, on any route of this bridge, and of the first message of each batch that lingers for
/// company. A route lingers over a new batch only while another key is there: then other work is under way and a
/// short wait fills the batch. A message whose only company is its own key (the order's previous step, still
/// answering) does not wait, so an order on an idle system never does.
/// </summary>
internal sealed class KeysAtFunctions
{
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Counts the keys of <paramref name="batch"/>'s messages until <see cref="Exit(DispatchBatch)"/>: the batch is at its function.</summary>
    public void Enter(DispatchBatch batch)
    {
        lock (_lock)
        {
            foreach (var message in batch.Messages)
            {
                Add(SubjectNames.LastToken(message.Subject));
            }
        }
    }

    /// <summary>Counts the key of <paramref name="subject"/> until <see cref="Exit(string)"/>: a batch lingering for company.</summary>
    public void Enter(string subject)
    {
        lock (_lock)
        {
            Add(SubjectNames.LastToken(subject));
        }
    }

    /// <summary>Stops counting the key of <paramref name="subject"/> once: its lingering batch went out or gave up.</summary>
    public void Exit(string subject)
    {
        lock (_lock)
        {
            Remove(SubjectNames.LastToken(subject));
        }
    }

    /// <summary>Stops counting the keys of <paramref name="batch"/>'s messages: the function answered for them.</summary>
    public void Exit(DispatchBatch batch)
    {
        lock (_lock)
        {
            foreach (var message in batch.Messages)
            {
                Remove(SubjectNames.LastToken(message.Subject));
            }
        }
    }

    /// <summary>The keys counted now (for tests and diagnostics).</summary>
    public IReadOnlyCollection<string> Snapshot()
    {
        lock (_lock)
        {
            return [.. _keys.Keys];
        }
    }

    private void Add(string key) => _keys[key] = _keys.GetValueOrDefault(key) + 1;

    private void Remove(string key)
    {
        if (_keys.GetValueOrDefault(key) <= 1)
        {
            _keys.Remove(key);
        }
        else
        {
            _keys[key]--;
        }
    }

    /// <summary>True when a message with another key than that of <paramref name="subject"/> is at a function or lingering.</summary>
    public bool AnyOtherThan(string subject)
    {
        var key = SubjectNames.LastToken(subject);
        lock (_lock)
        {
            return _keys.Count > 1 || (_keys.Count == 1 && !_keys.ContainsKey(key));
        }
    }
}
