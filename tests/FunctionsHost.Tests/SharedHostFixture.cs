using System.Text.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>One host on the test app for the tests that do not stop or break it: keys set, a 1 MiB body limit, a settings file.</summary>
public sealed class SharedHostFixture : IAsyncLifetime
{
    public const string FunctionKey = "function-key-for-tests";
    public const string MasterKey = "master-key-for-tests";
    public const int BodyLimit = 1024 * 1024;
    public const string SettingValue = "from-the-settings-file";

    private readonly string _settingsFile = Path.Combine(Path.GetTempPath(), $"host-settings-{Guid.NewGuid():N}.json");
    private LocalHost? _host;

    internal LocalHost Host => _host ?? throw new InvalidOperationException("The host did not start.");

    public HttpClient Client => Host.Client;

    public async Task InitializeAsync()
    {
        var settings = new { IsEncrypted = false, Values = new Dictionary<string, string> { ["TestSetting"] = SettingValue } };
        await File.WriteAllTextAsync(_settingsFile, JsonSerializer.Serialize(settings));
        using var timeout = TestTimeout.Start(90);
        _host = await LocalHost.StartAsync(
            HostPaths.TestApp,
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
}
