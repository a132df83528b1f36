using System.Runtime.InteropServices;
using FunctionsOrders.Reconcile;

// Ctrl+C or SIGTERM stops a --wait-seconds loop at once.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    return await ReconcileCommand.RunAsync(args, Console.Out, Console.Error, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("reconcile: stopped");
    return 130;
}
