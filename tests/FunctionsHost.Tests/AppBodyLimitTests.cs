using System.Net;
using System.Text.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>The app's own <c>FUNCTIONS_REQUEST_BODY_SIZE_LIMIT</c>, as the real host reads it, refuses a larger body before it is read.</summary>
public abstract class AppBodyLimitTests(TestApp app)
{
    private const int Limit = 4096;

    [Fact]
    public async Task The_apps_body_size_limit_setting_is_enforced_by_the_host()
    {
        using var cts = TestTimeout.Start(90);
        var settingsFile = Path.Combine(Path.GetTempPath(), $"host-settings-{Guid.NewGuid():N}.json");
        var settings = new { IsEncrypted = false, Values = new Dictionary<string, string> { ["FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(settings), cts.Token);
        try
        {
            await using var host = await LocalHost.StartAsync(app.AppDirectory, "api/ping", arguments: ["--settings", settingsFile], cancellationToken: cts.Token);

            using var atLimit = await host.Client.PostAsync("api/binary", new ByteArrayContent(new byte[Limit]), cts.Token);
            using var over = new HttpRequestMessage(HttpMethod.Post, "api/binary") { Content = new ByteArrayContent(new byte[Limit + 1]) };
            over.Headers.ExpectContinue = true;
            using var refused = await host.Client.SendAsync(over, cts.Token);

            Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        }
        finally
        {
            File.Delete(settingsFile);
        }
    }

    public sealed class RpcHttp() : AppBodyLimitTests(TestApp.RpcHttp);

    public sealed class AspNetCore() : AppBodyLimitTests(TestApp.AspNetCore);
}
