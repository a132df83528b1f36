using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>
/// The host packed as a .NET tool, installed from a local folder into a tool path of its own and run from outside
/// the repository, as another project would use it.
/// </summary>
public sealed class ToolPackageTests(ToolPackageTests.InstalledTool tool) : IClassFixture<ToolPackageTests.InstalledTool>
{
    [Fact]
    public async Task The_installed_tool_serves_an_app_and_exits_0_on_sigterm()
    {
        using var cts = TestTimeout.Start(120);
        var port = FreePort.Next();
        await using var host = tool.Start("--app", HostPaths.TestApp, "--port", port.ToString(CultureInfo.InvariantCulture));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };

        await Poll.UntilAsync(
            async () => host.HasExited
                ? throw new InvalidOperationException($"The tool exited with {host.ExitCode}:\n{host.ReadLog()}")
                : (await client.GetAsync("api/ping", cts.Token)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            "the installed tool to serve api/ping",
            TimeSpan.FromMilliseconds(200),
            cts.Token);
        byte[] body = [1, 2, 3, 250];
        using var content = new ByteArrayContent(body);
        using var response = await client.PostAsync("api/binary", content, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body.Reverse(), await response.Content.ReadAsByteArrayAsync(cts.Token));
        Assert.True(await host.TerminateAsync(TimeSpan.FromSeconds(30)), host.ReadLog());
        await host.WaitForExitAsync(cts.Token);
        Assert.Equal(0, host.ExitCode);
    }

    [Fact]
    public async Task Help_exits_0_and_prints_the_usage()
    {
        using var cts = TestTimeout.Start(60);
        await using var run = tool.Start("--help");

        await run.WaitForExitAsync(cts.Token);

        var output = run.ReadLog();
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage: functions-host --app <folder>", output, StringComparison.Ordinal);
        Assert.Contains("--port <port>", output, StringComparison.Ordinal);
        Assert.Contains("--settings <file>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_package_version()
    {
        using var cts = TestTimeout.Start(60);
        await using var run = tool.Start("--version");

        await run.WaitForExitAsync(cts.Token);

        Assert.Equal(0, run.ExitCode);
        var line = Assert.Single(run.ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)); // the first line is the command
        Assert.StartsWith(tool.Version, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "--app) is required")]
    [InlineData(true, "holds no worker.config.json")]
    public async Task Without_a_function_app_the_tool_exits_2_with_one_line_naming_the_argument(bool emptyFolder, string reason)
    {
        using var cts = TestTimeout.Start(60);
        string[] args = emptyFolder ? ["--app", tool.EmptyFolder] : [];
        await using var run = tool.Start(args);

        await run.WaitForExitAsync(cts.Token);

        var output = run.ReadLog();
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)); // the first line is the command
        Assert.StartsWith("functions-host: FunctionsHost:AppPath (--app)", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_that_is_not_a_number_exits_2_with_one_line_naming_the_value()
    {
        using var cts = TestTimeout.Start(60);
        await using var run = tool.Start("--app", HostPaths.TestApp, "--port", "abc");

        await run.WaitForExitAsync(cts.Token);

        var output = run.ReadLog();
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)); // the first line is the command
        Assert.StartsWith("functions-host: ", line, StringComparison.Ordinal);
        Assert.Contains("abc", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The host packed (from its current build output, in the tests' configuration) into a temporary folder and
    /// installed from there with a NuGet configuration whose only source is that folder, so no network is needed.
    /// </summary>
    public sealed class InstalledTool : IAsyncLifetime
    {
        private const string PackageId = "FunctionsOrders.FunctionsHost";
        private readonly string _root = Path.Combine(Path.GetTempPath(), $"functions-host-tool-{Guid.NewGuid():N}");
        private readonly Dictionary<string, string> _environment = new()
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            // The tool's launcher finds the runtime here, wherever the SDK is installed.
            ["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
        };

        /// <summary>The version the package was built with, read from its file name.</summary>
        public string Version { get; private set; } = "";

        /// <summary>A folder that exists but is no function app's build output.</summary>
        public string EmptyFolder => Path.Combine(_root, "empty");

        private string Command => Path.Combine(_root, "tools", "functions-host");

        public async Task InitializeAsync()
        {
            using var cts = TestTimeout.Start(240);
            var packages = Path.Combine(_root, "packages");
            Directory.CreateDirectory(packages);
            Directory.CreateDirectory(EmptyFolder);

            // The build output is current: the test project builds the host before the tests run.
            var configuration = Path.GetFileName(Path.GetDirectoryName(BuildOutput.Of("dev/FunctionsHost")))!;
            await RunAsync(
                "dotnet-pack",
                [
                    "pack", Path.Combine(RepoPaths.Root, "dev", "FunctionsHost", "FunctionsHost.csproj"),
                    "-c", configuration, "--no-build", "--disable-build-servers", "-nologo",
                    "-o", packages, $"-p:PublishDir={Path.Combine(_root, "publish")}{Path.DirectorySeparatorChar}",
                ],
                new Dictionary<string, string>(),
                cts.Token);
            var package = Path.GetFileName(Assert.Single(Directory.GetFiles(packages, $"{PackageId}.*.nupkg")));
            Version = package[(PackageId.Length + 1)..^".nupkg".Length];

            var config = Path.Combine(_root, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{packages}" />
                  </packageSources>
                </configuration>
                """, cts.Token);
            await RunAsync(
                "dotnet-tool-install",
                [
                    "tool", "install", "--tool-path", Path.Combine(_root, "tools"), "--configfile", config,
                    "--add-source", packages, PackageId, "--version", Version,
                ],
                // A package cache of its own: the package just built is installed, never one cached under the same version.
                new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-packages") },
                cts.Token);
        }

        /// <summary>Starts the installed command from the temporary folder, away from the repository.</summary>
        public ExternalProcess Start(params string[] args) =>
            ExternalProcess.Start("functions-host-tool", Command, args, _environment, _root);

        public Task DisposeAsync()
        {
            FreePortRetry.DeleteDirectory(_root);
            return Task.CompletedTask;
        }

        private async Task RunAsync(string name, string[] args, Dictionary<string, string> environment, CancellationToken cancellationToken)
        {
            var variables = new Dictionary<string, string>(_environment);
            foreach (var (key, value) in environment)
            {
                variables[key] = value;
            }

            await using var process = ExternalProcess.Start(name, "dotnet", args, variables, _root);
            await process.WaitForExitAsync(cancellationToken);
            Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited with {process.ExitCode}:\n{process.ReadLog()}");
        }
    }
}
