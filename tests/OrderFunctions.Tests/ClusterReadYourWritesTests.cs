using System.Diagnostics;
using System.Globalization;
using System.Net;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.OrderFunctions.Tests;

/// <summary>
/// Read-your-writes on a three-node cluster, with the app on a lagging follower of <c>ORDERS</c> and no bridge (the read
/// model stays empty, so every read goes to the stream): what was answered 202 is what is read back at once.
/// </summary>
public sealed class ClusterReadYourWritesTests(ClusterApiFixture api, ITestOutputHelper output) : IClassFixture<ClusterApiFixture>
{
    private const int OrderCount = 500;
    private static readonly string OtherBody = Orders.ValidJson.Replace("19.99", "5.00", StringComparison.Ordinal);

    [Fact]
    public async Task Each_of_500_orders_read_right_after_its_202_through_a_follower_is_found_never_404()
    {
        using var timeout = TestTimeout.Start(300);
        var notFound = new List<string>();
        var reads = new List<TimeSpan>();
        for (var i = 0; i < OrderCount; i++)
        {
            var orderId = await PostAsync(Orders.ValidJson, null, timeout.Token);
            var started = Stopwatch.GetTimestamp();
            using var read = await api.Client.GetAsync($"api/orders/{orderId}", timeout.Token);
            reads.Add(Stopwatch.GetElapsedTime(started));
            if (read.StatusCode == HttpStatusCode.NotFound)
            {
                notFound.Add(orderId);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var body = await Orders.JsonAsync(read, timeout.Token);
            Assert.Equal(orderId, body.GetProperty("orderId").GetString());
            Assert.Equal("Pending", body.GetProperty("status").GetString());
        }

        output.WriteLine($"{OrderCount} orders read back through {api.Follower.Name}: {notFound.Count} answered 404; GET {Percentiles(reads)}");
        await AssertStillOnAFollowerAsync(timeout.Token);
        Assert.Empty(notFound);
    }

    [Fact]
    public async Task Each_of_500_repeated_keys_through_a_follower_is_checked_against_the_stored_order()
    {
        using var timeout = TestTimeout.Start(300);
        var other = new Dictionary<string, int>();
        var same = new Dictionary<string, int>();
        for (var i = 0; i < OrderCount; i++)
        {
            var key = "ryw-" + Guid.NewGuid().ToString("N");
            var orderId = await PostAsync(Orders.ValidJson, key, timeout.Token);
            await TallyAsync(other, OtherBody, key, orderId, timeout.Token);
            await TallyAsync(same, Orders.ValidJson, key, orderId, timeout.Token);
        }

        output.WriteLine($"{OrderCount} keys repeated through {api.Follower.Name}: with another body {Describe(other)}; with the same body {Describe(same)}");
        await AssertStillOnAFollowerAsync(timeout.Token);
        Assert.Equal([KeyValuePair.Create("422", OrderCount)], other);
        Assert.Equal([KeyValuePair.Create("202 with the stored order", OrderCount)], same);
    }

    /// <summary>Repeats <paramref name="key"/> with <paramref name="json"/> and counts the answer.</summary>
    private async Task TallyAsync(Dictionary<string, int> answers, string json, string key, string orderId, CancellationToken cancellationToken)
    {
        using var response = await Orders.PostAsync(api.Client, json, key, cancellationToken);
        var answer = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var body = await Orders.JsonAsync(response, cancellationToken);
            var stored = body.GetProperty("orderId").GetString() == orderId && body.GetProperty("total").GetProperty("amount").GetDecimal() == 39.98m;
            answer = stored ? "202 with the stored order" : "202 with this request's order";
        }

        answers[answer] = answers.GetValueOrDefault(answer) + 1;
    }

    private static string Describe(Dictionary<string, int> answers) => string.Join(", ", answers.Select(a => $"{a.Value} × {a.Key}"));

    private async Task<string> PostAsync(string json, string? key, CancellationToken cancellationToken)
    {
        using var posted = await Orders.PostAsync(api.Client, json, key, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        return (await Orders.JsonAsync(posted, cancellationToken)).GetProperty("orderId").GetString()!;
    }

    /// <summary>The premise of the test: the app's node did not become the leader meanwhile.</summary>
    private async Task AssertStillOnAFollowerAsync(CancellationToken cancellationToken)
    {
        var leader = await api.Cluster.WaitForStreamLeaderAsync(api.Topology.OrdersStream, except: null, TimeSpan.FromSeconds(10), cancellationToken);
        Assert.NotEqual(api.Follower.Name, leader.Name);
    }

    private static string Percentiles(List<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToList();
        double At(double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.5):0.0} ms, p99 {At(0.99):0.0} ms, max {sorted[^1]:0.0} ms");
    }
}
