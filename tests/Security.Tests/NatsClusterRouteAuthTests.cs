using System.Security.Cryptography;
using System.Text.Json;
using FunctionsOrders.AppHost.Resources;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Security.Tests;

/// <summary>
/// Three nats-servers started on the configuration files the AppHost writes in cluster mode (its own
/// <see cref="NatsClusterConfig"/>) route to each other with the run's user and password, whatever characters the
/// password holds, and refuse a route from a server that does not present them.
/// </summary>
public sealed class NatsClusterRouteAuthTests
{
    private const string User = "functions-orders";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static TheoryData<string> Passwords() => new()
    {
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
        "pa ss\"wo\\rd{}#;,=@/:?%+&",
        "p\u00E4ssw\u00F6rd-\u20AC tab\there\u0001\r\nend",
    };

    [Theory]
    [MemberData(nameof(Passwords))]
    public async Task The_nodes_route_with_the_run_credentials_and_refuse_a_route_without_them(string password)
    {
        using var timeout = TestTimeout.Start(120);
        var directory = Directory.CreateTempSubdirectory("nats-cluster-auth-test-").FullName;
        var nodes = new List<ExternalProcess>();
        var ports = Array.Empty<NatsNodePorts>();
        ExternalProcess? rogue = null;
        string? problem = null;
        try
        {
            new NatsUsersForTest().WriteAuthFile(directory);
            await FreePortRetry.StartAsync(
                () => ports = Enumerable.Range(0, 3).Select(_ => new NatsNodePorts(FreePort.Next(), FreePort.Next(), FreePort.Next())).ToArray(),
                async () =>
                {
                    await StopAsync(nodes);
                    for (var i = 0; i < ports.Length; i++)
                    {
                        // Empty stores on every attempt: a meta group formed one node short stays so (see NatsCluster).
                        var name = $"nats-{i + 1}";
                        var store = Path.Combine(directory, name);
                        FreePortRetry.DeleteDirectory(store);
                        Directory.CreateDirectory(store);
                        var config = NatsClusterConfig.Write(directory, name, ports[i], ports, store, User, password);
                        if (!OperatingSystem.IsWindows())
                        {
                            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
                        }

                        nodes.Add(ExternalProcess.Start($"nats-route-auth-{name}", RepoPaths.NatsServer, ["-c", config]));
                    }

                    await Poll.UntilAsync(async () => (problem = await FormationProblemAsync(ports, timeout.Token)) is null, TimeSpan.FromSeconds(20),
                        "the three nodes to form one JetStream cluster", TimeSpan.FromMilliseconds(200), timeout.Token);
                });

            var port = FreePort.Next();
            rogue = ExternalProcess.Start("nats-route-auth-rogue", RepoPaths.NatsServer,
            [
                "-a", Ports.Host, "-p", $"{port}", "--cluster_name", NatsClusterConfig.ClusterName,
                "--cluster", $"nats://{Ports.Host}:{FreePort.Next()}", "--routes", $"nats://{ports[0].RouteAddress}",
            ]);
            await Poll.UntilAsync(() => nodes[0].ReadLog().Contains("Authentication Failure", StringComparison.Ordinal), TimeSpan.FromSeconds(15),
                "nats-1 to refuse the route without credentials", TimeSpan.FromMilliseconds(200), timeout.Token);
            Assert.Null(await FormationProblemAsync(ports, timeout.Token));
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message} ({problem}){Environment.NewLine}{string.Join(Environment.NewLine, nodes.Select(n => n.ReadLog()))}");
        }
        finally
        {
            if (rogue is not null)
            {
                await rogue.DisposeAsync();
            }

            await StopAsync(nodes);
            FreePortRetry.DeleteDirectory(directory);
        }
    }

    private static async Task StopAsync(List<ExternalProcess> nodes)
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        nodes.Clear();
    }

    /// <summary>Null when every node is healthy and reports the same meta leader of a cluster of three; else what one reports.</summary>
    private static async Task<string?> FormationProblemAsync(NatsNodePorts[] ports, CancellationToken cancellationToken)
    {
        var leaders = new HashSet<string?>();
        foreach (var node in ports)
        {
            var monitor = $"http://{Ports.Host}:{node.Monitor}/";
            try
            {
                using var health = await Http.GetAsync(monitor + "healthz", cancellationToken);
                if (!health.IsSuccessStatusCode)
                {
                    return $"{monitor}healthz answered {(int)health.StatusCode}";
                }

                var jsz = await Http.GetStringAsync(monitor + "jsz", cancellationToken);
                using var document = JsonDocument.Parse(jsz);
                if (!document.RootElement.TryGetProperty("meta_cluster", out var meta)
                    || !meta.TryGetProperty("cluster_size", out var size) || size.GetInt32() != 3)
                {
                    return $"{monitor}jsz: {jsz}";
                }

                leaders.Add(meta.TryGetProperty("leader", out var leader) ? leader.GetString() : null);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return $"{monitor}: {e.Message}";
            }
        }

        return leaders.Count == 1 && leaders.Single() is { Length: > 0 } ? null : $"meta leaders: {string.Join(", ", leaders)}";
    }
}
