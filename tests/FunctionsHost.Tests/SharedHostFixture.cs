using System.Text.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>One host on a build of the test app for the tests that do not stop or break it: keys set, a 1 MiB body limit, a settings file.</summary>
public abstract class SharedHostFixture(TestApp app) : IAsyncLifetime
{
    public const string FunctionKey = "function-key-for-tests";
    public const string MasterKey = "master-key-for-tests";
    public const int BodyLimit = 1024 * 1024;
    public const string SettingValue = "from-the-settings-file";

    private readonly string _settingsFile = Path.Combine(Path.GetTempPath(), $"host-settings-{Guid.NewGuid():N}.json");
    private LocalHost? _host;

    public TestApp App => app;

    internal LocalHost Host => _host ?? throw new InvalidOperationException("The host did not start.");

    public HttpClient Client => Host.Client;

    public async Task InitializeAsync()
    {
        var settings = new { IsEncrypted = false, Values = new Dictionary<string, string> { ["TestSetting"] = SettingValue } };
        await File.WriteAllTextAsync(_settingsFile, JsonSerializer.Serialize(settings));
        using var timeout = TestTimeout.Start(90);
        _host = await LocalHost.StartAsync(
            app.AppDirectory,
            "api/ping",
            new Dictionary<string, string>
            {
                ["FunctionsHost__FunctionKey"] = FunctionKey,
                ["FunctionsHost__MasterKey"] = MasterKey,
                ["FunctionsHost__MaxRequestBodySize"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            ["--settings", _settingsFile],
            timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        File.Delete(_settingsFile);
    }

    /// <summary>The host on the RpcHttp build.</summary>
    public sealed class RpcHttp() : SharedHostFixture(TestApp.RpcHttp);

    /// <summary>The host on the ASP.NET Core integration build.</summary>
    public sealed class AspNetCore() : SharedHostFixture(TestApp.AspNetCore);
}
