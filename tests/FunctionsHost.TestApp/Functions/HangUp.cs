using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>
/// Closes every socket of the worker, so the host sees its stream end, then lingers the given milliseconds before the
/// process exits with <see cref="ExitCode"/>: a worker that hangs up some time before it is gone.
/// </summary>
public static partial class HangUp
{
    public const int ExitCode = 42;

    [Function(nameof(HangUp))]
    public static string Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hang-up/{ms:int}")] HttpRequestData request, int ms)
    {
        // Should the SDK stop the app once its stream is gone, the exit waits here for the lingering thread.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Thread.Sleep(Timeout.Infinite);
        var exit = new Thread(() =>
        {
            CloseSockets();
            Thread.Sleep(ms);
            Console.Error.WriteLine($"Hung up {ms} ms ago; exiting with code {ExitCode}.");
            Console.Error.Flush();
            Exit(ExitCode);
        })
        {
            IsBackground = true,
        };
        exit.Start();
        return "hanging up";
    }

    private static void CloseSockets()
    {
        foreach (var link in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            if (link.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true
                && int.TryParse(link.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var fd))
            {
                _ = Shutdown(fd, 2);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "shutdown")]
    private static partial int Shutdown(int fd, int how);

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int status);
}
