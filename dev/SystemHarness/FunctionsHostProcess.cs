using System.Globalization;
using System.Net;
using System.Text.Json;

namespace FunctionsOrders.SystemHarness;

/// <summary>
/// A function app's build output served by the local Functions host as a process of its own, with its app settings
/// written to a settings file as under <c>func start</c>, and an HTTP client pointed at it.
/// </summary>
public sealed class FunctionsHostProcess : IAsyncDisposable
{
    private readonly string _settingsFile;

    private FunctionsHostProcess(ExternalProcess process, int port, string settingsFile)
    {
        Process = process;
        Port = port;
        _settingsFile = settingsFile;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public ExternalProcess Process { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>
    /// Starts the host on the app in <paramref name="projectFolder"/> and waits until <c>api/health</c> answers 200.
    /// A <paramref name="port"/> restarts a host where it was before; by default a free port is taken.
    /// </summary>
    public static async Task<FunctionsHostProcess> StartAsync(
        string projectFolder, IDictionary<string, string> appSettings, IDictionary<string, string>? hostEnvironment = null, CancellationToken cancellationToken = default, int? port = null)
    {
        var settingsFile = Path.Combine(Path.GetTempPath(), $"local.settings.{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(new { IsEncrypted = false, Values = appSettings }), cancellationToken);
        var listenPort = port ?? FreePort.Next();
        string[] args = [BuildOutput.FunctionsHostDll, "--app", BuildOutput.Of(projectFolder), "--port", listenPort.ToString(CultureInfo.InvariantCulture), "--settings", settingsFile];
        var host = new FunctionsHostProcess(ExternalProcess.Start("functions-host", "dotnet", args, hostEnvironment), listenPort, settingsFile);
        try
        {
            await Poll.UntilAsync(
                async () => host.Process.HasExited
                    ? throw new InvalidOperationException($"The host exited with {host.Process.ExitCode}:\n{host.Process.ReadLog()}")
                    : (await host.Client.GetAsync("api/health", cancellationToken)).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), $"the host to serve {projectFolder} (log: {host.Process.LogPath})", TimeSpan.FromMilliseconds(200), cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
        File.Delete(_settingsFile);
    }
}
