using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.Reconciliation.Tests.Harness;

/// <summary>Runs the built reconcile command as a process and returns its exit code and output (stdout and stderr).</summary>
internal static class ReconcileProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        IEnumerable<string> args, CancellationToken cancellationToken, IDictionary<string, string>? environment = null)
    {
        await using var process = ExternalProcess.Start("reconcile", "dotnet", [BuiltAssembly.Reconcile, .. args], environment);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, process.ReadLog());
    }

    /// <summary>The arguments that point the command at a scenario's sources.</summary>
    public static List<string> ArgsFor(Scenario scenario, string ordersFile) =>
    [
        "--orders", ordersFile,
        "--nats", scenario.Sources.NatsUrl,
        "--storage", scenario.Sources.StorageConnectionString!,
        "--ledger-table", scenario.Sources.LedgerTable,
        "--provider", scenario.Sources.ProviderBaseUrl.ToString(),
        "--prefix", scenario.Sources.Topology.Prefix,
    ];
}
