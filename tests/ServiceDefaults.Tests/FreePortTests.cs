using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.ServiceDefaults.Tests;

/// <summary>
/// The ports the harness hands out: a server started with two of them equal (Azurite's blob and table service, say)
/// fails to bind the second, and a check that only asks whether the port answers is fooled by the first.
/// </summary>
public sealed class FreePortTests
{
    [Fact]
    public void Ports_handed_out_in_one_process_are_never_handed_out_twice()
    {
        // The kernel picks an ephemeral port for each probe and may pick a just-released one again; over a test run
        // the harness asks for thousands.
        var ports = Enumerable.Range(0, 3000).Select(_ => FreePort.Next()).ToList();

        var repeated = ports.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"{repeated.Count} ports handed out more than once, e.g. {string.Join(", ", repeated.Take(5))}");
    }
}
