using System.Net;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

public abstract class ShutdownTests(TestApp app)
{
    [Fact]
    public async Task Sigterm_lets_the_in_flight_request_finish_then_stops_the_worker_and_exits_0()
    {
        using var cts = TestTimeout.Start(90);
        await using var host = await LocalHost.StartAsync(app.AppDirectory, "api/ping", cancellationToken: cts.Token);
        var slow = host.Client.GetAsync("api/slow/3000", cts.Token);
        await host.WaitForLogAsync("Slow started for 3000 ms", cts.Token);

        var exitedByItself = await host.Process.TerminateAsync(TimeSpan.FromSeconds(30));
        using var response = await slow;

        Assert.True(exitedByItself, host.Process.ReadLog());
        Assert.Equal(0, host.Process.ExitCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("done", await response.Content.ReadAsStringAsync(cts.Token));
        var worker = Assert.Single(host.WorkerProcessIds());
        await Poll.UntilAsync(() => !Directory.Exists($"/proc/{worker}"), TimeSpan.FromSeconds(10), "the worker process to be gone", cancellationToken: cts.Token);
    }

    [Fact]
    public async Task While_draining_new_requests_are_refused_with_503()
    {
        using var cts = TestTimeout.Start(90);
        await using var host = await LocalHost.StartAsync(app.AppDirectory, "api/ping", cancellationToken: cts.Token);
        var slow = host.Client.GetAsync("api/slow/4000", cts.Token);
        await host.WaitForLogAsync("Slow started for 4000 ms", cts.Token);

        var stopping = host.Process.TerminateAsync(TimeSpan.FromSeconds(30));
        await host.WaitForLogAsync("Stopping: draining 1 invocation(s)", cts.Token);
        using var refused = await host.Client.GetAsync("api/ping", cts.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(await stopping);
        Assert.Equal(HttpStatusCode.OK, (await slow).StatusCode);
    }

    public sealed class RpcHttp() : ShutdownTests(TestApp.RpcHttp);

    public sealed class AspNetCore() : ShutdownTests(TestApp.AspNetCore);
}
