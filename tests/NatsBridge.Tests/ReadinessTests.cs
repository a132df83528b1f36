using FunctionsOrders.SystemHarness;
using System.Net;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>
/// The bridge is ready once it consumes on every route, and before its first fetch it asks each route's function
/// once: the connection is open and the function's path taken before the first message goes that way.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class ReadinessTests(NatsServerFixture nats)
{
    [Fact]
    public async Task The_bridge_probes_each_function_before_it_fetches_and_is_ready_only_once_it_consumes()
    {
        using var timeout = TestTimeout.Start(90);
        await using var function = await ScriptedFunction.StartAsync();
        function.HoldIf = batch => batch.Messages.Count == 0;
        function.Gate.Reset();
        var prefix = BridgeUnderTest.NewPrefix();
        await using var topology = await BridgeUnderTest.StartAsync(nats.Server.Url, "http://127.0.0.1:9/unused", new Dictionary<string, string?> { ["Consumer"] = "idle", ["Stream"] = "PAYMENTS", ["FilterSubject"] = "payments.>" }, prefix);
        await using var bridge = BridgeProcess.Start(BridgeProcess.Environment(nats.Server.Url, prefix, function.Url));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        // The probe waits at the function: the bridge answers, and is not ready.
        await Poll.UntilAsync(() => function.Probes == 1, TimeSpan.FromSeconds(30), "the start probe", cancellationToken: timeout.Token);
        var (status, body) = ((HttpStatusCode)0, "");
        await Poll.UntilAsync(async () => ((status, body) = await ReadinessAsync(http, bridge, timeout.Token)).status != 0,
            TimeSpan.FromSeconds(30), "the bridge's HTTP endpoint", cancellationToken: timeout.Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains($"route {BridgeUnderTest.RouteName}: not consuming yet", body, StringComparison.Ordinal);
        Assert.Empty(function.Received);

        function.Gate.Set();
        await Poll.UntilAsync(async () => (await ReadinessAsync(http, bridge, timeout.Token)).Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the bridge to be ready", cancellationToken: timeout.Token);
        await Poll.UntilAsync(() => LogSays(bridge, "the function answered in"), TimeSpan.FromSeconds(10), "the probe's answer in the log", cancellationToken: timeout.Token);

        // Ready means consuming: a message published now reaches the function.
        await topology.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => !function.Received.IsEmpty, TimeSpan.FromSeconds(30), "the message at the function", cancellationToken: timeout.Token);
    }

    [Fact]
    public async Task A_function_that_does_not_answer_the_start_probe_is_named_in_the_log_and_the_bridge_consumes_all_the_same()
    {
        using var timeout = TestTimeout.Start(90);
        await using var function = await ScriptedFunction.StartAsync();
        function.FailWith = 503;
        var prefix = BridgeUnderTest.NewPrefix();
        await using var topology = await BridgeUnderTest.StartAsync(nats.Server.Url, "http://127.0.0.1:9/unused", new Dictionary<string, string?> { ["Consumer"] = "idle", ["Stream"] = "PAYMENTS", ["FilterSubject"] = "payments.>" }, prefix);
        await using var bridge = await BridgeProcess.StartAsync(BridgeProcess.Environment(nats.Server.Url, prefix, function.Url), timeout.Token);

        await Poll.UntilAsync(() => LogSays(bridge, "the function did not answer (http_503)"), TimeSpan.FromSeconds(10), "the failed probe in the log", cancellationToken: timeout.Token);
        function.FailWith = null;
        await topology.PublishOrderAsync(timeout.Token);
        await Poll.UntilAsync(() => !function.Received.IsEmpty, TimeSpan.FromSeconds(30), "the message at the function once it answers", cancellationToken: timeout.Token);
    }

    private static bool LogSays(BridgeProcess bridge, string what) =>
        bridge.Process.ReadLog().Contains($"Route {BridgeUnderTest.RouteName}: {what}", StringComparison.Ordinal);

    private static async Task<(HttpStatusCode Status, string Body)> ReadinessAsync(HttpClient http, BridgeProcess bridge, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(bridge.Url + "/readyz", cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException)
        {
            return (0, "");
        }
    }
}
