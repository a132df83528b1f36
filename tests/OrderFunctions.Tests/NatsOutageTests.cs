using System.Diagnostics;
using System.Net;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.OrderFunctions.Tests;

/// <summary>A server and host of its own: the test stops NATS.</summary>
public sealed class NatsOutageTests
{
    [Fact]
    public async Task With_nats_stopped_post_is_503_with_retry_after_within_the_deadline_and_works_again_after()
    {
        using var timeout = TestTimeout.Start(120);
        await using var nats = await NatsServer.StartAsync(cancellationToken: timeout.Token);
        var (host, _) = await OrderApiFixture.StartHostAsync(nats.Url);
        await using var _ = host;
        await Poll.UntilAsync(async () => (await Orders.PostAsync(host.Client, Orders.ValidJson, null, timeout.Token)).StatusCode == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(30), "the first order to be accepted", TimeSpan.FromMilliseconds(250), timeout.Token);

        await nats.KillAsync();
        var clock = Stopwatch.StartNew();
        using var refused = await Orders.PostAsync(host.Client, Orders.ValidJson, null, timeout.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        await nats.RestartAsync(timeout.Token);
        await Poll.UntilAsync(async () => (await Orders.PostAsync(host.Client, Orders.ValidJson, null, timeout.Token)).StatusCode == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(30), "orders to be accepted again", TimeSpan.FromMilliseconds(250), timeout.Token);
    }
}
