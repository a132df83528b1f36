using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>The host running as a process of its own, with an HTTP client pointed at it.</summary>
internal sealed partial class LocalHost : IAsyncDisposable
{
    private LocalHost(ExternalProcess process, int port)
    {
        Process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(90) };
    }

    public ExternalProcess Process { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the host on <paramref name="appDirectory"/> and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<LocalHost> StartAsync(
        string appDirectory,
        string readyPath,
        IDictionary<string, string>? environment = null,
        IEnumerable<string>? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var port = FreePort.Next();
        string[] args = [HostPaths.HostDll, "--app", appDirectory, "--port", port.ToString(CultureInfo.InvariantCulture), .. arguments ?? []];
        var process = ExternalProcess.Start("functions-host", "dotnet", args, environment);
        var host = new LocalHost(process, port);
        try
        {
            await Poll.UntilAsync(
                async () => process.HasExited
                    ? throw new InvalidOperationException($"The host exited with {process.ExitCode}:\n{process.ReadLog()}")
                    : (await host.Client.GetAsync(readyPath, cancellationToken)).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60),
                $"the host to serve {readyPath}",
                TimeSpan.FromMilliseconds(200),
                cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Process ids of the workers the host started, from its log.</summary>
    public IReadOnlyList<int> WorkerProcessIds() =>
        [.. WorkerPid().Matches(Process.ReadLog()).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    public Task WaitForLogAsync(string text, CancellationToken cancellationToken) =>
        Poll.UntilAsync(() => Process.ReadLog().Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(30), $"'{text}' in the host log", cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }

    [GeneratedRegex(@"Starting worker .* \(pid (\d+)\)")]
    private static partial Regex WorkerPid();
}
