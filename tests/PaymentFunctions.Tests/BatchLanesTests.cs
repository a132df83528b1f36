using FunctionsOrders.FunctionsHttp;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The bounded fan-out the batch handlers run their messages with.</summary>
public sealed class BatchLanesTests
{
    [Fact]
    public async Task Every_index_runs_once_with_no_more_than_the_bound_unfinished()
    {
        var gates = Enumerable.Range(0, 10).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var calls = new int[10];
        var running = 0;
        var most = 0;
        var all = BatchLanes.ForEachAsync(10, 3, async i =>
        {
            Interlocked.Increment(ref calls[i]);
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await gates[i].Task;
            Interlocked.Decrement(ref running);
        }, CancellationToken.None);

        // The first three start on the caller's thread, before it gets the task back.
        Assert.Equal(new[] { 1, 1, 1, 0, 0, 0, 0, 0, 0, 0 }, calls);
        foreach (var gate in gates)
        {
            gate.SetResult();
        }

        await all.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(calls, c => Assert.Equal(1, c));
        Assert.Equal(3, most);
    }

    [Fact]
    public async Task Calls_that_finish_at_once_run_in_order_on_the_callers_thread()
    {
        var thread = Environment.CurrentManagedThreadId;
        var order = new List<int>();
        var threads = new HashSet<int>();
        var all = BatchLanes.ForEachAsync(5, 2, i =>
        {
            order.Add(i);
            threads.Add(Environment.CurrentManagedThreadId);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.True(all.IsCompletedSuccessfully);
        await all;
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, order);
        Assert.Equal(new[] { thread }, threads);
    }

    [Fact]
    public async Task No_call_starts_after_cancellation_and_the_task_ends_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new List<int>();
        var all = BatchLanes.ForEachAsync(6, 2, async i =>
        {
            lock (started)
            {
                started.Add(i);
            }

            await gate.Task;
        }, cancel.Token);

        await cancel.CancelAsync();
        gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => all.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(new[] { 0, 1 }, started.Order());
    }

    [Fact]
    public async Task A_failing_call_ends_its_lane_only_and_its_exception_comes_out_after_the_others()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new List<int>();
        var all = BatchLanes.ForEachAsync(4, 2, async i =>
        {
            if (i == 0)
            {
                throw new InvalidOperationException("boom");
            }

            await gate.Task;
            lock (finished)
            {
                finished.Add(i);
            }
        }, CancellationToken.None);

        Assert.False(all.IsCompleted);
        gate.SetResult();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => all.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("boom", error.Message);
        Assert.Equal(new[] { 1, 2, 3 }, finished.Order());
    }

    [Fact]
    public async Task An_empty_batch_completes_and_bad_arguments_are_refused()
    {
        await BatchLanes.ForEachAsync(0, 4, _ => throw new InvalidOperationException("not called"), CancellationToken.None);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = BatchLanes.ForEachAsync(1, 0, _ => Task.CompletedTask, CancellationToken.None); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = BatchLanes.ForEachAsync(-1, 1, _ => Task.CompletedTask, CancellationToken.None); });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
