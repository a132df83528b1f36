namespace FunctionsOrders.Reconciliation.Tests.Harness;

/// <summary>Assertions on a report that show its table when they fail.</summary>
internal static class ReportAssert
{
    public static void Clean(ReconciliationReport report) =>
        Assert.True(report.IsClean, "expected a clean report:\n" + report.ToTable());

    /// <summary>The report holds exactly these (kind, order id) discrepancies, in any order.</summary>
    public static void Exactly(ReconciliationReport report, params (string Kind, string? OrderId)[] expected)
    {
        var actual = report.Discrepancies.Select(d => $"{d.Kind} {d.OrderId ?? "-"}").Order(StringComparer.Ordinal).ToList();
        var wanted = expected.Select(e => $"{e.Kind} {e.OrderId ?? "-"}").Order(StringComparer.Ordinal).ToList();
        Assert.True(actual.SequenceEqual(wanted),
            $"expected discrepancies [{string.Join(", ", wanted)}], got [{string.Join(", ", actual)}]:\n{report.ToTable()}");
        Assert.False(report.IsClean);
    }
}
