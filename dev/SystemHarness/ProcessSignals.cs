using System.Runtime.InteropServices;

namespace FunctionsOrders.SystemHarness;

/// <summary>Stopping and continuing a process with SIGSTOP and SIGCONT (Linux).</summary>
public static partial class ProcessSignals
{
    private const int SigCont = 18;
    private const int SigStop = 19;
    private const int NoSuchProcess = 3;

    /// <summary>Stops <paramref name="pid"/>; false when it no longer exists.</summary>
    public static bool Stop(int pid) => Send(pid, SigStop);

    /// <summary>Lets a stopped <paramref name="pid"/> go on; false when it no longer exists.</summary>
    public static bool Continue(int pid) => Send(pid, SigCont);

    private static bool Send(int pid, int signal)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Stopping a process with a signal is supported on Linux only.");
        }

        if (Kill(pid, signal) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchProcess
            ? false
            : throw new InvalidOperationException($"Signal {signal} to process {pid} failed (errno {error}).");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
