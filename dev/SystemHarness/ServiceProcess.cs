namespace FunctionsOrders.SystemHarness;

/// <summary>A .NET service of the repository run from its build output on a free loopback port.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private ServiceProcess(ExternalProcess process, Uri url)
    {
        Process = process;
        Url = url;
    }

    public ExternalProcess Process { get; }

    /// <summary>Where the service listens, ending in a slash.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Starts <c>dotnet &lt;dll&gt; [arguments] --urls http://127.0.0.1:&lt;port&gt;</c> and waits until
    /// <paramref name="healthPath"/> answers 2xx; a port taken before the service bound it is replaced by another.
    /// The service runs in <paramref name="workingDirectory"/>, by default its build output folder (where it finds its
    /// <c>appsettings.json</c>), with no telemetry exporter unless <paramref name="environment"/> names one.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string name, string projectFolder, string dllName, string healthPath, IDictionary<string, string> environment, CancellationToken cancellationToken,
        string? workingDirectory = null, IReadOnlyList<string>? arguments = null)
    {
        var output = BuildOutput.Of(projectFolder);
        var dll = Path.Combine(output, dllName);
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} not found: build the solution first (./test.sh and ./bench.sh do).");
        }

        ServiceProcess? service = null;
        Uri url = null!;
        await FreePortRetry.StartAsync(
            () => url = new Uri($"http://127.0.0.1:{FreePort.Next()}/"),
            async () =>
            {
                var env = Telemetry.OffUnless(environment);
                env["Urls"] = url.ToString().TrimEnd('/');
                var process = ExternalProcess.Start(name, "dotnet", [dll, .. arguments ?? [], "--urls", env["Urls"]], env, workingDirectory ?? output);
                var started = new ServiceProcess(process, url);
                try
                {
                    await WaitHealthyAsync(name, process, new Uri(url, healthPath), cancellationToken);
                    service = started;
                }
                catch
                {
                    await started.DisposeAsync();
                    throw;
                }
            });
        return service!;
    }

    /// <summary>
    /// Waits until <paramref name="health"/> answers 2xx. A request that fails or times out (a process still starting,
    /// a busy machine) is a "not yet"; a process that exits fails the wait at once with a <see cref="ServiceExitedException"/>.
    /// </summary>
    public static async Task WaitHealthyAsync(string name, ExternalProcess process, Uri health, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(
            async () => process.HasExited || await AnswersAsync(http, health, cancellationToken),
            StartTimeout, $"{name} to answer {health} (log: {process.LogPath})", TimeSpan.FromMilliseconds(200), cancellationToken);
        if (process.HasExited)
        {
            await process.WaitForExitAsync(cancellationToken);
            throw new ServiceExitedException($"{name} exited with {process.ExitCode} before it answered {health}:\n{process.ReadLog()}");
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
