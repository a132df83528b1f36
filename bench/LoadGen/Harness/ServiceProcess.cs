using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>A .NET service of the repository run from its Release build output on a free loopback port.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private ServiceProcess(ExternalProcess process, Uri url)
    {
        Process = process;
        Url = url;
    }

    public ExternalProcess Process { get; }

    public Uri Url { get; }

    /// <summary>Starts <c>dotnet &lt;dll&gt; --urls http://127.0.0.1:&lt;port&gt;</c> in the dll's folder and waits until <paramref name="healthPath"/> answers 2xx.</summary>
    public static async Task<ServiceProcess> StartAsync(
        string name, string projectFolder, string dllName, string healthPath, IDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var output = BuildOutput.Of(projectFolder);
        var dll = Path.Combine(output, dllName);
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} not found: build in Release first (./bench.sh does).");
        }

        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port}/");
        // No telemetry export unless the caller's environment asks for it, whatever this process's environment holds.
        var env = Telemetry.OffUnless(environment);
        env["Urls"] = url.ToString().TrimEnd('/');

        var process = ExternalProcess.Start(name, "dotnet", [dll, "--urls", env["Urls"]], env, output);
        var service = new ServiceProcess(process, url);
        try
        {
            await WaitHealthyAsync(name, process, new Uri(url, healthPath), cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public static async Task WaitHealthyAsync(string name, ExternalProcess process, Uri health, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{name} exited with {process.ExitCode}; log: {process.LogPath}");
                }

                using var response = await http.GetAsync(health, cancellationToken);
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(90), $"{name} to answer {health} (log: {process.LogPath})", TimeSpan.FromMilliseconds(250), cancellationToken);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
