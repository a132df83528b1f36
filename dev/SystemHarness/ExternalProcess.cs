using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FunctionsOrders.SystemHarness;

/// <summary>A process started by a test or the benchmark, its output appended to a log file that outlives the run.</summary>
public sealed partial class ExternalProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _closed;

    private ExternalProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    /// <summary>The log file holding the process's stdout and stderr.</summary>
    public string LogPath { get; }

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Exit code, once ended.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, logging to <c>.run/test-logs/&lt;name&gt;-&lt;id&gt;.log</c>.</summary>
    public static ExternalProcess Start(string name, string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var logPath = Path.Combine(RepoPaths.LogDirectory, $"{name}-{Guid.NewGuid():N}.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        log.WriteLine($"# {fileName} {string.Join(' ', info.ArgumentList)}");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var external = new ExternalProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => external.Append(e.Data);
        process.ErrorDataReceived += (_, e) => external.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return external;
    }

    /// <summary>Ends the process and its children at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM and waits for the exit; kills it if it outlives <paramref name="timeout"/>. Returns true if it exited by itself.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        _ = Kill(_process.Id, SigTerm);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return false;
        }
    }

    /// <summary>
    /// Waits for the process to end and for its output to be written to the log (<see cref="HasExited"/> turns true
    /// before the last lines are read).
    /// </summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>
    /// Freezes the process (SIGSTOP): it keeps its sockets open but answers nothing, like a hung server. Returns once
    /// every thread of it is stopped (on Linux, read from <c>/proc</c>): a signal only marks the threads, and a thread
    /// that had not run yet could otherwise still answer a request sent right after this call.
    /// </summary>
    public void Pause()
    {
        if (Kill(_process.Id, SigStop) != 0)
        {
            throw new InvalidOperationException($"SIGSTOP to process {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        var deadline = Stopwatch.StartNew();
        while (!ThreadStates.AllStopped(_process.Id))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"Process {_process.Id} did not stop within 10 s of SIGSTOP.");
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Lets a paused process run again (SIGCONT).</summary>
    public void Resume() => _ = Kill(_process.Id, SigCont);

    /// <summary>The log so far, for assertion messages.</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
