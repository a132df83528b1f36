using System.Diagnostics;
using System.Globalization;
using FunctionsOrders.FunctionsHost.App;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>The worker as an operating-system process: started as the real host does, its output captured.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private const string MaxMessageLength = "2147483647";
    private const string SetSid = "/usr/bin/setsid";
    private readonly Process _process;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => _process = process;

    /// <summary>Process id, kept so it can be logged after the process was disposed.</summary>
    public int Id { get; private set; }

    /// <summary>Completes when the process ended.</summary>
    public Task Exited => _exited.Task;

    public int? ExitCode
    {
        get
        {
            try
            {
                return _process.HasExited ? _process.ExitCode : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    public static WorkerProcess Start(FunctionApp app, Uri hostEndpoint, string workerId, WorkerLogForwarder logs)
    {
        // In a session of its own, the worker does not get the terminal's Ctrl+C: the host decides when it stops.
        var info = new ProcessStartInfo(File.Exists(SetSid) ? SetSid : app.WorkerExecutable)
        {
            WorkingDirectory = app.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        if (File.Exists(SetSid))
        {
            info.ArgumentList.Add(app.WorkerExecutable);
        }

        info.ArgumentList.Add(Path.Combine(app.Directory, app.WorkerPath));
        AddArguments(info, hostEndpoint, workerId);
        AddEnvironment(info, app);

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => Line(e.Data, logs.StandardOutput);
        process.ErrorDataReceived += (_, e) => Line(e.Data, logs.StandardError);
        process.Exited += (_, _) => worker._exited.TrySetResult();
        process.Start();
        worker.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Ends the process and every process it started.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill, or was disposed once it was gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static void AddArguments(ProcessStartInfo info, Uri hostEndpoint, string workerId)
    {
        var arguments = new Dictionary<string, string>
        {
            ["--functions-uri"] = hostEndpoint.AbsoluteUri,
            ["--functions-worker-id"] = workerId,
            ["--functions-request-id"] = Guid.NewGuid().ToString(),
            ["--functions-grpc-max-message-length"] = MaxMessageLength,
            ["--host"] = hostEndpoint.Host,
            ["--port"] = hostEndpoint.Port.ToString(CultureInfo.InvariantCulture),
            ["--workerId"] = workerId,
            ["--requestId"] = Guid.NewGuid().ToString(),
            ["--grpcMaxMessageLength"] = MaxMessageLength,
        };
        foreach (var (name, value) in arguments)
        {
            info.ArgumentList.Add(name);
            info.ArgumentList.Add(value);
        }
    }

    private static void AddEnvironment(ProcessStartInfo info, FunctionApp app)
    {
        // The host's own settings (keys among them) are not the app's business.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("FunctionsHost__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in app.Settings)
        {
            info.Environment[key] = value;
        }

        // As under func start: a local run is the Development environment unless the app or the caller says otherwise.
        if (string.IsNullOrEmpty(info.Environment.TryGetValue("AZURE_FUNCTIONS_ENVIRONMENT", out var environment) ? environment : null))
        {
            info.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        }

        info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = app.Directory;
        info.Environment["FUNCTIONS_WORKER_DIRECTORY"] = app.Directory;
        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        info.Environment["FUNCTIONS_WORKER_RUNTIME_VERSION"] = Environment.Version.ToString(2);
        info.Environment["AzureWebJobsScriptRoot"] = app.Directory;
    }

    private static void Line(string? line, Action<string> write)
    {
        if (line is not null)
        {
            write(line);
        }
    }
}
