using System.Text.Json;
using FunctionsOrders.Reconciliation;
using FunctionsOrders.SystemHarness;
using Xunit.Abstractions;

namespace FunctionsOrders.Faults.Tests;

/// <summary>How every scenario ends: reconciliation of what the client saw accepted, and the figures on record.</summary>
internal static class Scenario
{
    /// <summary>Where each scenario's figures go (one JSON file per scenario), for docs/reliability.md.</summary>
    public static string ResultsDirectory => Path.Combine(RepoPaths.Root, ".run", "faults");

    public static ReconciliationSources Sources(SystemUnderTest system) => new()
    {
        NatsUrl = system.NatsUrl,
        StorageConnectionString = system.Azurite.ConnectionString,
        LedgerTable = system.LedgerTable,
        ProviderBaseUrl = system.Simulator.Url,
    };

    /// <summary>Waits until reconciliation is clean (or the deadline passes), prints the table and fails on any discrepancy.</summary>
    public static async Task<ReconciliationReport> ReconcileAsync(
        SystemUnderTest system, IReadOnlyCollection<AcceptedOrder> accepted, TimeSpan deadline, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var report = await Reconciler.WaitUntilCleanAsync(Sources(system), accepted, deadline, cancellationToken);
        output.WriteLine(report.ToTable());
        Assert.True(report.IsClean, report.ToTable());
        return report;
    }

    /// <summary>Writes the scenario's figures to <see cref="ResultsDirectory"/>.</summary>
    public static void Record(string scenario, ReconciliationReport report, int posted, IReadOnlyDictionary<string, object>? extra = null)
    {
        Directory.CreateDirectory(ResultsDirectory);
        var figures = new Dictionary<string, object>
        {
            ["scenario"] = scenario,
            ["posted"] = posted,
            ["accepted"] = report.Accepted,
            ["paid"] = report.Paid,
            ["payment_failed"] = report.PaymentFailed,
            ["dead_lettered"] = report.DeadLettered,
            ["lost"] = report.Lost,
            ["unfinished"] = report.Unfinished,
            ["charged_twice"] = report.ChargedTwice,
            ["orphan_ledger_rows"] = report.OrphanLedgerRows,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object>())
        {
            figures[key] = value;
        }

        File.WriteAllText(Path.Combine(ResultsDirectory, scenario + ".json"), JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
