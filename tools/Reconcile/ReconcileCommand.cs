using FunctionsOrders.Reconcile.Cli;
using FunctionsOrders.Reconciliation;

namespace FunctionsOrders.Reconcile;

/// <summary>Runs one reconciliation from the command line and maps its verdict to an exit code.</summary>
internal static class ReconcileCommand
{
    public const int Clean = 0;
    public const int NotClean = 1;
    public const int BadArguments = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ReconcileSettings settings;
        try
        {
            settings = CommandLine.Parse(args);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"reconcile: {ex.Message} (see --help)");
            return BadArguments;
        }

        if (settings.Help)
        {
            await output.WriteLineAsync(Usage.Text);
            return Clean;
        }

        try
        {
            var report = settings.Wait > TimeSpan.Zero
                ? await Reconciler.WaitUntilCleanAsync(settings.Sources, settings.Orders, settings.Wait, cancellationToken)
                : await Reconciler.CheckAsync(settings.Sources, settings.Orders, cancellationToken);
            await output.WriteAsync(report.ToTable());
            return report.IsClean ? Clean : NotClean;
        }
        catch (ReconciliationSourceException ex)
        {
            await error.WriteLineAsync($"reconcile: {ex.Message}");
            return NotClean;
        }
    }
}
