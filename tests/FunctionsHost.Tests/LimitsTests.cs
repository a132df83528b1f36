using System.Diagnostics;
using System.Net;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

public abstract class LimitsTests(SharedHostFixture fixture)
{
    [Fact]
    public async Task A_body_at_the_limit_is_accepted()
    {
        using var cts = TestTimeout.Start(60);
        using var response = await fixture.Client.PostAsync("api/binary", new ByteArrayContent(new byte[SharedHostFixture.BodyLimit]), cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SharedHostFixture.BodyLimit, (await response.Content.ReadAsByteArrayAsync(cts.Token)).Length);
    }

    [Fact]
    public async Task A_body_over_the_limit_with_a_length_answers_413()
    {
        using var cts = TestTimeout.Start(60);

        // With Expect: 100-continue the client waits for the host's answer before sending the body, so the 413
        // cannot race the upload (without it, the host may close the connection while the client still sends).
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/binary") { Content = new ByteArrayContent(new byte[SharedHostFixture.BodyLimit + 1]) };
        request.Headers.ExpectContinue = true;
        using var response = await fixture.Client.SendAsync(request, cts.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_answers_413()
    {
        using var cts = TestTimeout.Start(60);
        using var content = new StreamContent(new MemoryStream(new byte[SharedHostFixture.BodyLimit * 2]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/binary") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await fixture.Client.SendAsync(request, cts.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Two_hundred_slow_invocations_run_concurrently()
    {
        using var cts = TestTimeout.Start(60);
        var clock = Stopwatch.StartNew();

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => fixture.Client.GetStringAsync("api/slow/2000", cts.Token)));

        Assert.All(answers, a => Assert.Equal("done", a));
        // One takes 2 s; one after the other they would take 400 s. Slack for a busy 2-core machine.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task An_invocation_past_the_function_timeout_answers_504()
    {
        using var cts = TestTimeout.Start(60);
        var clock = Stopwatch.StartNew();
        using var response = await fixture.Client.GetAsync("api/slow/60000", cts.Token);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        // host.json of the test app: functionTimeout 00:00:08.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_the_invocation()
    {
        using var cts = TestTimeout.Start(60);
        using (var gone = CancellationTokenSource.CreateLinkedTokenSource(cts.Token))
        {
            var call = fixture.Client.GetAsync("api/slow/2345", gone.Token);
            await fixture.Host.WaitForLogAsync("Slow started for 2345 ms", cts.Token);
            await gone.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        // As under the Functions host: the request's abort becomes InvocationCancel, and the function's token fires.
        await fixture.Host.WaitForLogAsync("Slow cancelled during 2345 ms", cts.Token);
        await fixture.Host.WaitForLogAsync("its client went away; the invocation was cancelled", cts.Token);
        Assert.DoesNotContain("Slow finished after 2345 ms", fixture.Host.Process.ReadLog(), StringComparison.Ordinal);
    }

    [Collection(RpcHttpSharedHostCollection.Name)]
    public sealed class RpcHttp(SharedHostFixture.RpcHttp fixture) : LimitsTests(fixture);

    [Collection(AspNetCoreSharedHostCollection.Name)]
    public sealed class AspNetCore(SharedHostFixture.AspNetCore fixture) : LimitsTests(fixture);
}
