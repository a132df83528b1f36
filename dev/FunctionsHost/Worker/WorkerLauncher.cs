using FunctionsOrders.FunctionsHost.App;
using FunctionsOrders.FunctionsHost.Functions;
using FunctionsOrders.FunctionsHost.Http;
using FunctionsOrders.FunctionsHost.Options;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>Starts one worker, brings it to serving, and waits until it is gone.</summary>
internal sealed class WorkerLauncher(
    IOptions<FunctionsHostOptions> options,
    FunctionApp app,
    HostEndpoints hostEndpoints,
    WorkerConnector connector,
    WorkerHandshake handshake,
    WorkerLogForwarder logs,
    FunctionCatalog catalog,
    FunctionEndpointDataSource endpoints,
    FunctionListPrinter printer,
    TimeProvider time,
    ILogger<WorkerLauncher> logger)
{
    public RunningWorker Launch()
    {
        var channel = new WorkerChannel(Guid.NewGuid().ToString(), logs);
        connector.Expect(channel);
        var process = WorkerProcess.Start(app, hostEndpoints.WorkerUri, channel.WorkerId, logs);
        Log.WorkerStarting(logger, process.Id, app.WorkerPath, hostEndpoints.WorkerUri);
        return new RunningWorker(process, channel);
    }

    /// <summary>Returns whether the worker got to serve requests.</summary>
    public async Task<bool> ServeAsync(RunningWorker worker, Func<bool> stopping, CancellationToken cancellationToken)
    {
        try
        {
            var (functions, httpUri) = await StartAsync(worker, cancellationToken);
            if (stopping())
            {
                return false;
            }

            endpoints.Update(functions, app.RoutePrefix);
            catalog.Ready(new ServingWorker(worker.Channel, httpUri));
            Log.WorkerReady(logger, worker.Process.Id, functions.Count);
            if (httpUri is not null)
            {
                Log.WorkerServesHttp(logger, worker.Process.Id, httpUri);
            }

            printer.PrintOnce(functions, hostEndpoints.ClientPort);
            await Task.WhenAny(worker.Process.Exited, worker.Channel.Closed, Task.Delay(Timeout.Infinite, cancellationToken));
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !stopping())
        {
            Log.WorkerFailed(logger, ex);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            connector.Forget(worker.Channel);
        }
    }

    private async Task<(List<HttpFunction> Functions, Uri? HttpUri)> StartAsync(RunningWorker worker, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.WorkerStartTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var first = await Task.WhenAny(worker.Channel.Connected, worker.Process.Exited).WaitAsync(linked.Token);
        if (first == worker.Process.Exited)
        {
            throw new WorkerUnavailableException($"The worker exited with code {worker.Process.ExitCode} before connecting; see its output above.");
        }

        var started = await handshake.RunAsync(worker.Channel, app, linked.Token);
        if (started.HttpUri is { } httpUri)
        {
            // The worker's HTTP server starts beside its event stream and may not listen yet when loading is done.
            await WorkerHttpServer.WaitUntilListeningAsync(httpUri, worker.Process.Exited, time, linked.Token);
        }

        return ([.. started.Functions.Select(HttpFunctionReader.TryRead).OfType<HttpFunction>()], started.HttpUri);
    }
}
