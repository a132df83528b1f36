using System.Runtime.InteropServices;
using FunctionsOrders.LoadGen.Cli;

// Ctrl+C or SIGTERM cancels the run; every process it started is then stopped and its temp folders removed.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    if (!stop.IsCancellationRequested)
    {
        context.Cancel = true;
        Console.Error.WriteLine("loadgen: stopping, cleaning up (again to force)");
        stop.Cancel();
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    return await Commands.RunAsync(args, Console.Out, Console.Error, stop.Token);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"loadgen: {e.Message} (see --help)");
    return 2;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("loadgen: stopped; everything it started has been stopped");
    return 130;
}
