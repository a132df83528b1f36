using System.Net;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

public sealed class AppsUnderHostTests
{
    [Theory]
    [InlineData("OrderFunctions", "order-functions")]
    [InlineData("PaymentFunctions", "payment-functions")]
    public async Task The_apps_builds_start_under_the_host_and_answer_their_health_function(string project, string service)
    {
        using var cts = TestTimeout.Start(90);
        // The apps read their settings as under 'func start' with the repository's sample settings.
        var sample = Path.Combine(RepoPaths.Root, "local.settings.sample.json");
        await using var host = await LocalHost.StartAsync(HostPaths.Output(project), "api/health", arguments: ["--settings", sample], cancellationToken: cts.Token);

        using var response = await host.Client.GetAsync("api/health", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(service, await response.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
        await host.WaitForLogAsync($"Health: [GET] http://localhost:{host.Port}/api/health", cts.Token);
    }
}
