using System.Diagnostics;
using System.Net;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.OrderFunctions.Tests;

/// <summary>A server and host of its own: each test stops or freezes NATS.</summary>
public sealed class NatsOutageTests(ITestOutputHelper output)
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

    [Fact]
    public async Task With_nats_frozen_or_stopped_get_of_a_known_and_an_unknown_order_is_503_with_retry_after_within_seconds()
    {
        using var timeout = TestTimeout.Start(180);
        await using var nats = await NatsServer.StartAsync(cancellationToken: timeout.Token);
        var (host, _) = await OrderApiFixture.StartHostAsync(nats.Url);
        await using var _ = host;
        string? known = null;
        await Poll.UntilAsync(async () => (known = await AcceptedOrderIdAsync(host.Client, timeout.Token)) is not null,
            TimeSpan.FromSeconds(30), "the first order to be accepted", TimeSpan.FromMilliseconds(250), timeout.Token);
        var unknown = Guid.NewGuid().ToString("D");
        Assert.Equal(HttpStatusCode.NotFound, await GetStatusAsync(host.Client, unknown, timeout.Token));

        nats.Pause();
        try
        {
            await AssertUnavailableAsync(host.Client, known!, "frozen", timeout.Token);
            await AssertUnavailableAsync(host.Client, unknown, "frozen", timeout.Token);
        }
        finally
        {
            nats.Resume();
        }

        await Poll.UntilAsync(async () => await GetStatusAsync(host.Client, known!, timeout.Token) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the order to be read again after SIGCONT", TimeSpan.FromMilliseconds(250), timeout.Token);

        await nats.KillAsync();
        await AssertUnavailableAsync(host.Client, known!, "down", timeout.Token);
        await AssertUnavailableAsync(host.Client, unknown, "down", timeout.Token);

        await nats.RestartAsync(timeout.Token);
        await Poll.UntilAsync(async () => await GetStatusAsync(host.Client, known!, timeout.Token) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the order to be read again after the restart", TimeSpan.FromMilliseconds(250), timeout.Token);
    }

    private static async Task<string?> AcceptedOrderIdAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var posted = await Orders.PostAsync(client, Orders.ValidJson, null, cancellationToken);
        return posted.StatusCode == HttpStatusCode.Accepted ? (await Orders.JsonAsync(posted, cancellationToken)).GetProperty("orderId").GetString() : null;
    }

    private static async Task<HttpStatusCode> GetStatusAsync(HttpClient client, string orderId, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"api/orders/{orderId}", cancellationToken);
        return response.StatusCode;
    }

    private async Task AssertUnavailableAsync(HttpClient client, string orderId, string nats, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync($"api/orders/{orderId}", cancellationToken);
        output.WriteLine($"GET with NATS {nats}: {(int)response.StatusCode} in {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
