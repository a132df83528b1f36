using System.Net;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using NATS.Client.JetStream;

namespace FunctionsOrders.OrderFunctions.Tests;

/// <summary>
/// An Idempotency-Key used again after the stream's duplicate window: a host of its own on the collection's server,
/// with a one-second window, so that the window passes within the test.
/// </summary>
[Collection(OrderApiCollection.Name)]
public sealed class IdempotencyWindowTests(OrderApiFixture api)
{
    [Fact]
    public async Task Same_key_after_the_duplicate_window_answers_the_first_order_stores_nothing_and_another_order_is_422()
    {
        using var timeout = TestTimeout.Start(120);
        var (host, topology) = await OrderApiFixture.StartHostAsync(api.Nats.Url, new Dictionary<string, string> { ["Topology__DuplicateWindow"] = "00:00:01" });
        await using var _ = host;
        var key = "key-" + Guid.NewGuid().ToString("N");
        string? orderId = null;
        await Poll.UntilAsync(async () => (orderId = await AcceptedAsync(host.Client, Orders.ValidJson, key, timeout.Token)) is not null,
            TimeSpan.FromSeconds(30), "the order to be accepted", TimeSpan.FromMilliseconds(250), timeout.Token);
        var stream = await api.Js.GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token);
        Assert.Equal(TimeSpan.FromSeconds(1), stream.Info.Config.DuplicateWindow);
        await UntilDuplicateWindowPassedAsync(topology, timeout.Token);

        Assert.Equal(orderId, await AcceptedAsync(host.Client, Orders.ValidJson, key, timeout.Token));
        Assert.Equal(1L, await Orders.StoredCountAsync(api.Js, topology, orderId!, timeout.Token));
        using var other = await Orders.PostAsync(host.Client, Orders.ValidJson.Replace("19.99", "5.00", StringComparison.Ordinal), key, timeout.Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1L, await Orders.StoredCountAsync(api.Js, topology, orderId!, timeout.Token));
    }

    private static async Task<string?> AcceptedAsync(HttpClient client, string json, string key, CancellationToken cancellationToken)
    {
        using var posted = await Orders.PostAsync(client, json, key, cancellationToken);
        if (posted.StatusCode != HttpStatusCode.Accepted)
        {
            return null;
        }

        var body = await Orders.JsonAsync(posted, cancellationToken);
        Assert.Equal(39.98m, body.GetProperty("total").GetProperty("amount").GetDecimal());
        return body.GetProperty("orderId").GetString();
    }

    /// <summary>
    /// Publishes a probe after the order and waits until its id is no longer deduplicated: the stream forgot the
    /// order's id by then too, since it forgets ids in the order it stored them.
    /// </summary>
    private async Task UntilDuplicateWindowPassedAsync(JetStreamTopology topology, CancellationToken cancellationToken)
    {
        var subject = topology.Subject("orders.probe." + Guid.NewGuid().ToString("N"));
        var opts = new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("N") };
        (await api.Js.PublishAsync(subject, new byte[] { 1 }, opts: opts, cancellationToken: cancellationToken)).EnsureSuccess();
        await Poll.UntilAsync(
            async () =>
            {
                var ack = await api.Js.PublishAsync(subject, new byte[] { 1 }, opts: opts, cancellationToken: cancellationToken);
                ack.EnsureSuccess();
                return !ack.Duplicate;
            },
            TimeSpan.FromSeconds(30), "the duplicate window to pass", TimeSpan.FromMilliseconds(200), cancellationToken);
    }
}
