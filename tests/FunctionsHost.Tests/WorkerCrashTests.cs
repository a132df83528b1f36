using System.Net;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

public abstract class WorkerCrashTests(UnkeyedHostFixture fixture)
{
    [Fact]
    public async Task A_dying_worker_fails_in_flight_requests_with_503_its_stderr_is_logged_and_it_is_restarted()
    {
        using var cts = TestTimeout.Start(90);
        var host = fixture.Host;
        var slow = host.Client.GetAsync("api/slow/20000", cts.Token);
        await Poll.UntilAsync(() => host.Process.ReadLog().Contains("Slow started for 20000 ms", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the slow invocation to start", cancellationToken: cts.Token);

        using var crash = await host.Client.PostAsync("api/crash", null, cts.Token);
        using var inFlight = await slow;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, crash.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, inFlight.StatusCode);
        await Poll.UntilAsync(
            async () => (await host.Client.GetAsync("api/items/3", cts.Token)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            "a restarted worker to serve",
            TimeSpan.FromMilliseconds(200),
            cts.Token);
        Assert.Equal(2, host.WorkerProcessIds().Distinct().Count());
        var log = host.Process.ReadLog();
        Assert.Contains("exit code 134", log, StringComparison.Ordinal);
        Assert.Contains("Crash requested by a test.", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/keyed/function")]
    [InlineData("api/keyed/admin")]
    public async Task Without_configured_keys_keyed_functions_answer_401(string path)
    {
        using var cts = TestTimeout.Start(60);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?code=anything");
        request.Headers.Add("x-functions-key", "anything");

        using var response = await fixture.Host.Client.SendAsync(request, cts.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public sealed class RpcHttp(UnkeyedHostFixture.RpcHttp fixture) : WorkerCrashTests(fixture), IClassFixture<UnkeyedHostFixture.RpcHttp>;

    public sealed class AspNetCore(UnkeyedHostFixture.AspNetCore fixture) : WorkerCrashTests(fixture), IClassFixture<UnkeyedHostFixture.AspNetCore>;
}
