using FunctionsOrders.FunctionsHost.App;
using FunctionsOrders.FunctionsHost.Functions;
using FunctionsOrders.FunctionsHost.Http;
using FunctionsOrders.FunctionsHost.Options;
using FunctionsOrders.FunctionsHost.Rpc;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>
/// Keeps one worker serving: starts it once Kestrel listens, runs the handshake, restarts it with backoff when it
/// dies, and on shutdown drains in-flight invocations before terminating it.
/// </summary>
internal sealed class WorkerSupervisor(
    IOptions<FunctionsHostOptions> options,
    WorkerLauncher launcher,
    FunctionCatalog catalog,
    InFlightTracker inFlight,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<WorkerSupervisor> logger) : BackgroundService, IHostedLifecycleService
{
    /// <summary>How long a killed worker is waited for, so that its exit code can be read.</summary>
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);

    private readonly FunctionsHostOptions _options = options.Value;
    private volatile bool _stopping;
    private volatile RunningWorker? _current;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before Kestrel stops, so the worker's stream is still open for WorkerTerminate.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        Log.Draining(logger, inFlight.Count, _options.ShutdownTimeout);
        try
        {
            await inFlight.DrainAsync().WaitAsync(_options.ShutdownTimeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Log.DrainTimedOut(logger, inFlight.Count);
        }

        catalog.Unavailable();
        if (_current is { } worker)
        {
            await TerminateAsync(worker, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WhenStartedAsync(stoppingToken);
        var delay = _options.RestartDelayMin;
        while (!_stopping && !stoppingToken.IsCancellationRequested)
        {
            var served = await RunOnceAsync(stoppingToken);
            if (_stopping || stoppingToken.IsCancellationRequested)
            {
                break;
            }

            delay = served ? _options.RestartDelayMin : delay;
            Log.WorkerRestarting(logger, delay);
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RestartDelayMax.Ticks));
        }
    }

    private async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        RunningWorker worker;
        try
        {
            worker = launcher.Launch();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Log.WorkerFailed(logger, ex);
            return false;
        }

        _current = worker;
        using (worker)
        {
            var ready = await launcher.ServeAsync(worker, () => _stopping, stoppingToken);
            catalog.Unavailable();
            var streamEnded = worker.Channel.Closed.IsCompleted;
            worker.Channel.Close();
            if (!_stopping)
            {
                // A worker that ended its stream is normally on its way out: it gets the terminate timeout to exit by
                // itself, so the code logged is its own and not that of the kill, and its last output is not cut.
                // One that failed its start or handshake with the stream still open is killed at once.
                if (streamEnded)
                {
                    await WaitForExitAsync(worker, _options.WorkerTerminateTimeout, stoppingToken);
                }

                worker.Process.Kill();
                await WaitForExitAsync(worker, KillTimeout, stoppingToken);
                Log.WorkerExited(logger, worker.Process.Id, worker.Process.ExitCode);
            }

            return ready;
        }
    }

    private async Task WaitForExitAsync(RunningWorker worker, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await worker.Process.Exited.WaitAsync(timeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Still running: the caller kills it, or the host is stopping.
        }
    }

    private async Task TerminateAsync(RunningWorker worker, CancellationToken cancellationToken)
    {
        var terminate = new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(_options.WorkerTerminateTimeout) },
        };
        if (worker.Channel.Post(terminate))
        {
            try
            {
                await worker.Process.Exited.WaitAsync(_options.WorkerTerminateTimeout, time, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                Log.WorkerTerminateTimedOut(logger, worker.Process.Id);
            }
        }

        // Exited or not, the whole tree goes: the worker may have started processes of its own.
        worker.Process.Kill();
        worker.Channel.Close();
        Log.WorkerStopped(logger, worker.Process.Id);
    }

    private async Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }
}
