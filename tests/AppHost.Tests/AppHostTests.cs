using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.AppHost.Tests;

/// <summary>
/// Runs the AppHost as <c>./run.sh</c> does. It binds fixed ports, so this is the only test that may use them,
/// and it refuses to start while any of them is taken.
/// </summary>
public sealed class AppHostTests
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_apphost_starts_every_service_healthy_exports_their_telemetry_and_stops_them_all_on_SIGTERM()
    {
        using var cts = TestTimeout.Start(seconds: 360);
        Assert.True(File.Exists(LocalSystem.AppHostDll), $"{LocalSystem.AppHostDll} is not built");
        await LocalSystemFixture.WaitForStragglersAsync();
        Assert.True(LocalSystem.Listening().Length == 0, $"ports already taken: {string.Join(", ", LocalSystem.Listening())}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        await using var appHost = ExternalProcess.Start("apphost", "dotnet", [LocalSystem.AppHostDll]);
        try
        {
            foreach (var url in LocalSystem.HealthUrls())
            {
                await Poll.UntilAsync(async () => !appHost.HasExited && (await http.GetAsync(url, cts.Token)).IsSuccessStatusCode,
                    StartDeadline, $"{url} to answer 2xx", TimeSpan.FromMilliseconds(500), cts.Token);
            }

            await Poll.UntilAsync(async () => await BridgeIsAuthenticatedAsync(http, cts.Token),
                StartDeadline, "the bridge's authenticated NATS connection", TimeSpan.FromMilliseconds(500), cts.Token);
            await Poll.UntilAsync(async () => await DashboardHasTelemetryOfAsync(http, ["nats-bridge", "payment-functions", "payment-provider"], cts.Token),
                StartDeadline, "telemetry of every service in the dashboard", TimeSpan.FromSeconds(1), cts.Token);
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message}{Environment.NewLine}AppHost log:{Environment.NewLine}{appHost.ReadLog()}");
        }

        var orchestrator = LocalSystem.Orchestrator(appHost.Id);
        Assert.NotEmpty(orchestrator);
        var stopping = TimeProvider.System.GetTimestamp();
        var exitedByItself = await appHost.TerminateAsync(StopDeadline);
        Assert.True(exitedByItself, "the AppHost outlived SIGTERM by 30 s");
        await Poll.UntilAsync(() => LocalSystem.Listening().Length == 0, StopDeadline,
            "every port to be free after SIGTERM", TimeSpan.FromMilliseconds(250), cts.Token);
        var left = StopDeadline - TimeProvider.System.GetElapsedTime(stopping);
        await Poll.UntilAsync(() => !orchestrator.Any(LocalSystem.IsRunning), left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1),
            "the orchestrator's processes to end within 30 s of SIGTERM", TimeSpan.FromMilliseconds(250), cts.Token);
        await LocalSystemFixture.WaitForStragglersAsync();
    }

    private static async Task<bool> BridgeIsAuthenticatedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var connections = await http.GetStringAsync("http://127.0.0.1:8222/connz?auth=true", cancellationToken);
        return connections.Contains("\"name\": \"FunctionsOrders.NatsBridge\"", StringComparison.Ordinal)
            && connections.Contains("\"authorized_user\"", StringComparison.Ordinal);
    }

    private static async Task<bool> DashboardHasTelemetryOfAsync(HttpClient http, string[] services, CancellationToken cancellationToken)
    {
        var resources = await http.GetStringAsync("http://127.0.0.1:18888/api/telemetry/resources", cancellationToken);
        return services.All(service => resources.Contains($"\"name\":\"{service}\"", StringComparison.Ordinal));
    }
}
