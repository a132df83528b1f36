using System.Security.Cryptography;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>The routes' function key goes to the function only: never to the bridge's log or its HTTP endpoints.</summary>
[Collection(NatsCollection.Name)]
public sealed class FunctionKeyExposureTests(NatsServerFixture nats)
{
    [Fact]
    public async Task The_function_key_shows_neither_in_a_debug_log_nor_on_the_bridge_endpoints_when_dispatch_fails()
    {
        using var timeout = TestTimeout.Start(90);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var function = await ScriptedFunction.StartAsync();
        function.FailWith = 500;
        var prefix = BridgeUnderTest.NewPrefix();
        await using var publisher = await BridgeUnderTest.StartAsync(nats.Server.Url, "http://127.0.0.1:9/unused", new Dictionary<string, string?> { ["Consumer"] = "idle", ["Stream"] = "PAYMENTS", ["FilterSubject"] = "payments.>" }, prefix);
        await publisher.PublishOrderAsync(timeout.Token);
        var environment = BridgeProcess.Environment(nats.Server.Url, prefix, function.Url, new Dictionary<string, string> { ["FunctionKey"] = key });
        environment["Logging__LogLevel__Default"] = "Debug";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug";
        environment["Logging__LogLevel__System.Net.Http.HttpClient"] = "Debug";

        string log;
        await using (var bridge = await BridgeProcess.StartAsync(environment, timeout.Token))
        {
            log = bridge.Process.LogPath;
            await Poll.UntilAsync(() => function.Requests >= 2, TimeSpan.FromSeconds(30), "the function to be asked again after the failed batch", cancellationToken: timeout.Token);
            using var http = new HttpClient();
            foreach (var path in new[] { "/metrics", "/healthz", "/readyz" })
            {
                var page = await http.GetStringAsync(bridge.Url + path, timeout.Token);
                Assert.DoesNotContain(key, page, StringComparison.Ordinal);
            }
        }

        Assert.Contains(File.ReadLines(log), line => line.StartsWith("dbug:", StringComparison.Ordinal));
        var findings = new LogSecretScanner().AddSecret("function key", key).ScanFiles([log]);
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }
}
