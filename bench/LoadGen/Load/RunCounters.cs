using System.Collections.Concurrent;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>What happened to the requests of one run so far; updated from any thread.</summary>
internal sealed class RunCounters
{
    private readonly ConcurrentDictionary<string, long> _errorKinds = new(StringComparer.Ordinal);
    private LatencyHistogram _interval = new();
    private long _sent;
    private long _accepted;
    private long _errors;
    private long _inFlight;
    private long _maxLagTicks;

    public LatencyHistogram Latency { get; } = new();

    public long Sent => Volatile.Read(ref _sent);

    public long Accepted => Volatile.Read(ref _accepted);

    public long Errors => Volatile.Read(ref _errors);

    public long InFlight => Volatile.Read(ref _inFlight);

    public long MaxLagTicks => Volatile.Read(ref _maxLagTicks);

    public IReadOnlyDictionary<string, long> ErrorKinds => new SortedDictionary<string, long>(_errorKinds, StringComparer.Ordinal);

    /// <summary>Takes a slot for one more request; false (and counted as an error) when <paramref name="cap"/> are already in flight.</summary>
    public bool TryStart(long cap, long lagTicks)
    {
        if (lagTicks > Volatile.Read(ref _maxLagTicks))
        {
            Volatile.Write(ref _maxLagTicks, lagTicks);
        }

        if (Interlocked.Increment(ref _inFlight) > cap)
        {
            Interlocked.Decrement(ref _inFlight);
            Error("in_flight_cap");
            return false;
        }

        Interlocked.Increment(ref _sent);
        return true;
    }

    public void Answered(int status, long latencyTicks)
    {
        Latency.RecordTicks(latencyTicks);
        Volatile.Read(ref _interval).RecordTicks(latencyTicks);
        if (status == 202)
        {
            Interlocked.Increment(ref _accepted);
        }
        else
        {
            Error("http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void Error(string kind)
    {
        Interlocked.Increment(ref _errors);
        _errorKinds.AddOrUpdate(kind, 1, static (_, n) => n + 1);
    }

    public void Finished() => Interlocked.Decrement(ref _inFlight);

    /// <summary>The latencies recorded since the last call, for the once-a-second progress line.</summary>
    public LatencyHistogram TakeInterval() => Interlocked.Exchange(ref _interval, new LatencyHistogram());
}
