using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>A worker whose stream ends before its process does: the host waits for the process, not its own kill.</summary>
public sealed class WorkerHangUpTests
{
    [Fact]
    public async Task A_worker_that_hangs_up_before_it_exits_is_logged_with_its_own_exit_code_and_restarted()
    {
        using var cts = TestTimeout.Start(90);
        await using var host = await LocalHost.StartAsync(TestApp.RpcHttp.AppDirectory, "api/ping", cancellationToken: cts.Token);
        var first = Assert.Single(host.WorkerProcessIds());

        using var hangUp = await host.Client.PostAsync("api/hang-up/1500", null, cts.Token);
        await Poll.UntilAsync(
            () => host.WorkerProcessIds().Distinct().Count() == 2,
            TimeSpan.FromSeconds(60),
            "a second worker to start",
            TimeSpan.FromMilliseconds(100),
            cts.Token);

        var log = host.Process.ReadLog();
        Assert.Contains($"Worker (pid {first}) is gone, exit code 42", log, StringComparison.Ordinal);
        Assert.Contains("exiting with code 42", log, StringComparison.Ordinal);
    }
}
