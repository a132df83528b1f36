using System.Diagnostics;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>
/// Open-loop load: request n leaves at start + n / rate whether or not earlier ones were answered, and its latency
/// is measured from that scheduled time, so a stalled server is charged for every request it held up (no
/// coordinated omission). A dedicated thread keeps the schedule; answers are handled on the thread pool.
/// </summary>
internal sealed class OpenLoopRunner(HttpClient client, OrderRequests requests, LoadSettings settings, TextWriter output)
{
    private long _sequence;

    /// <summary>Called with the body of each 202 and the request's scheduled timestamp.</summary>
    public delegate void AcceptedHandler(byte[] body, long scheduledTimestamp);

    public async Task<RunResult> RunAsync(string label, double rate, TimeSpan duration, AcceptedHandler? onAccepted, CancellationToken cancellationToken)
    {
        var counters = new RunCounters();
        var total = (long)Math.Round(rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Schedule(start, rate, total, counters, onAccepted, cancellationToken);
            scheduled.SetResult();
        })
        { IsBackground = true, Name = "loadgen-schedule" };
        thread.Start();

        var progress = duration >= settings.ProgressFrom ? new ProgressPrinter(output, label, rate, counters) : null;
        while (!scheduled.Task.IsCompleted)
        {
            await Task.WhenAny(scheduled.Task, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Tick();
        }

        // Every request has left; wait for the last answers (each ends by the request timeout at the latest).
        var drainUntil = Stopwatch.GetTimestamp() + (long)((settings.RequestTimeout.TotalSeconds + 2) * Stopwatch.Frequency);
        while (counters.InFlight > 0 && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(10, cancellationToken);
            progress?.TickIfDue();
        }

        return RunResult.From(rate, duration, counters, Stopwatch.GetElapsedTime(start));
    }

    private void Schedule(long start, double rate, long total, RunCounters counters, AcceptedHandler? onAccepted, CancellationToken cancellationToken)
    {
        var ticksPerRequest = Stopwatch.Frequency / rate;
        long next = 0;
        while (next < total && !cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            long due;
            while (next < total && (due = start + (long)(next * ticksPerRequest)) <= now)
            {
                if (counters.TryStart(settings.MaxInFlight, now - due))
                {
                    _ = SendAsync(Interlocked.Increment(ref _sequence), due, counters, onAccepted, cancellationToken);
                }

                next++;
            }

            Thread.Sleep(1);
        }
    }

    private async Task SendAsync(long sequence, long scheduledAt, RunCounters counters, AcceptedHandler? onAccepted, CancellationToken cancellationToken)
    {
        try
        {
            using var request = requests.Create(sequence);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var status = (int)response.StatusCode;
            counters.Answered(status, Stopwatch.GetTimestamp() - scheduledAt);
            if (status == 202)
            {
                onAccepted?.Invoke(body, scheduledAt);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            counters.Error("timeout");
        }
        catch (OperationCanceledException)
        {
            // The whole run was cancelled.
        }
        catch (HttpRequestException)
        {
            counters.Error("connection");
        }
        catch (System.Text.Json.JsonException)
        {
            counters.Error("unreadable_202_body");
        }
        finally
        {
            counters.Finished();
        }
    }
}
