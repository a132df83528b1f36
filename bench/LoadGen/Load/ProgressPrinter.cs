using System.Diagnostics;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>Prints one line a second during a run: offered and achieved rate, errors, requests open, p99 of that second.</summary>
internal sealed class ProgressPrinter(TextWriter output, string label, double rate, RunCounters counters)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _lastTick = Stopwatch.GetTimestamp();
    private long _lastAccepted;

    public void Tick()
    {
        var now = Stopwatch.GetTimestamp();
        var seconds = Stopwatch.GetElapsedTime(_lastTick, now).TotalSeconds;
        _lastTick = now;
        var accepted = counters.Accepted;
        var interval = counters.TakeInterval();
        var p99 = interval.Count == 0 ? "-" : $"{interval.PercentileMs(0.99):0.0} ms";
        output.WriteLine(
            $"  [{label}] {Stopwatch.GetElapsedTime(_start).TotalSeconds,4:0}s  offered {rate:0}/s  202/s {(accepted - _lastAccepted) / seconds,7:0}  " +
            $"errors {counters.Errors}  open {counters.InFlight}  p99 {p99}");
        _lastAccepted = accepted;
    }

    public void TickIfDue()
    {
        if (Stopwatch.GetElapsedTime(_lastTick).TotalSeconds >= 1)
        {
            Tick();
        }
    }
}
