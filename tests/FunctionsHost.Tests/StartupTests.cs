using System.Globalization;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

public abstract class StartupTests(TestApp testApp)
{
    [Theory]
    [InlineData("missing-app", null, "FunctionsHost:AppPath (--app)")]
    [InlineData(null, "FunctionsHost__MaxRequestBodySize=0", "FunctionsHost:MaxRequestBodySize")]
    [InlineData(null, "FunctionsHost__RestartDelayMax=00:00:00.100", "FunctionsHost:RestartDelayMax")]
    public async Task A_bad_setting_fails_the_start_with_a_message_naming_the_key(string? app, string? variable, string key)
    {
        using var cts = TestTimeout.Start(60);
        var environment = new Dictionary<string, string>();
        if (variable?.Split('=') is [var name, var value])
        {
            environment[name] = value;
        }

        var appDirectory = app is null ? testApp.AppDirectory : Path.Combine(Path.GetTempPath(), app);
        string[] args = [HostPaths.HostDll, "--app", appDirectory, "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture)];
        await using var host = ExternalProcess.Start("functions-host", "dotnet", args, environment);

        await Poll.UntilAsync(() => host.HasExited, TimeSpan.FromSeconds(45), "the host to give up", cancellationToken: cts.Token);
        await host.WaitForExitAsync(cts.Token);
        Assert.NotEqual(0, host.ExitCode);
        Assert.Contains(key, host.ReadLog(), StringComparison.Ordinal);
    }

    public sealed class RpcHttp() : StartupTests(TestApp.RpcHttp);

    public sealed class AspNetCore() : StartupTests(TestApp.AspNetCore);
}
